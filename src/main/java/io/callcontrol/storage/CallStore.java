package io.callcontrol.storage;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.ChannelIds;
import io.callcontrol.call.StatusChange;
import io.callcontrol.operator.OperatorStatus;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The write side of the store: calls, their statuses, recordings and operator presence. Every write goes
 * through the single {@link StoreWriter}, so checks and inserts cannot race each other.
 */
public final class CallStore implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StoreWriter writer;
    private final Clock clock;

    public CallStore(Database database, Clock clock) {
        this.writer = new StoreWriter(database, 50_000);
        this.clock = clock;
    }

    /**
     * A new call and its CALL status, committed (durable) when the future completes. If the store cannot take it
     * within {@code timeout} the future fails and nothing is written: the caller may safely answer "not placed".
     */
    public CompletableFuture<CallRecord> createCall(String sip, String phone, String orderId, String externalKey,
            Duration timeout) {
        return writer.submit(c -> insertCall(c, sip, phone, orderId, externalKey), timeout.toNanos());
    }

    /**
     * Appends statuses to a call and moves its current status; a status the call already has is skipped, so
     * the same fact arriving twice leaves one row. Completes with the events actually written.
     */
    public CompletableFuture<List<StatusEvent>> appendStatuses(long callId, String orderId, List<StatusChange> changes) {
        Instant at = clock.instant();
        return writer.submit(c -> insertStatuses(c, callId, orderId, changes, at));
    }

    public CompletableFuture<Recording> addRecording(long callId, String orderId, String file, long sizeBytes, long durationMs) {
        Instant at = clock.instant();
        return writer.submit(c -> insertRecording(c, callId, orderId, file, sizeBytes, durationMs, at));
    }

    /** Records an operator's presence; writes an operatorHistory row only when it changed. */
    public CompletableFuture<Boolean> setOperatorPresence(String sip, OperatorStatus status, String deviceState) {
        Instant at = clock.instant();
        return writer.submit(c -> updatePresence(c, sip, status, deviceState, at));
    }

    /** The single writer, for the other stores that write beside this one (schedules). */
    StoreWriter writer() {
        return writer;
    }

    /** Why the store's last write failed, or null when it works. */
    public String lastFailure() {
        return writer.lastFailure();
    }

    /** Statuses waiting to be written. */
    public int backlog() {
        return writer.backlog();
    }

    @Override
    public void close() {
        writer.close();
    }

    private CallRecord insertCall(Connection c, String sip, String phone, String orderId, String externalKey)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM calls WHERE external_key = ?")) {
            s.setString(1, externalKey);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    throw new DuplicateExternalKeyException(externalKey, rs.getLong(1));
                }
            }
        }
        Instant now = clock.instant();
        long millis = now.toEpochMilli();
        long callId;
        String placeholder = "new-" + randomToken();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO calls (external_key, order_id, sip, phone, channel_id,"
                + " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            s.setString(1, externalKey);
            s.setString(2, orderId);
            s.setString(3, sip);
            s.setString(4, phone);
            s.setString(5, placeholder);
            s.setString(6, CallStatus.CALL.name());
            s.setLong(7, millis);
            s.setLong(8, millis);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                callId = rs.getLong(1);
            }
        }
        String channelId = ChannelIds.of(callId, randomToken());
        try (PreparedStatement s = c.prepareStatement("UPDATE calls SET channel_id = ? WHERE id = ?")) {
            s.setString(1, channelId);
            s.setLong(2, callId);
            s.executeUpdate();
        }
        insertEvent(c, callId, orderId, new StatusChange(CallStatus.CALL, "originate to operator " + sip), now);
        return new CallRecord(callId, orderId, externalKey, sip, phone, channelId, CallStatus.CALL, now, null);
    }

    private static List<StatusEvent> insertStatuses(Connection c, long callId, String orderId,
            List<StatusChange> changes, Instant at) throws SQLException {
        if (ended(c, callId)) {
            return List.of(); // a late or replayed fact about a call that has its terminal status already
        }
        List<StatusEvent> written = new ArrayList<>(changes.size());
        StatusChange last = null;
        for (StatusChange change : changes) {
            StatusEvent event = insertEvent(c, callId, orderId, change, at);
            if (event != null) {
                written.add(event);
                last = change;
            }
        }
        if (last != null) {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE calls SET status = ?, updated_at = ?, ended_at = ? WHERE id = ?")) {
                s.setString(1, last.status().name());
                s.setLong(2, at.toEpochMilli());
                if (last.status().isTerminal()) {
                    s.setLong(3, at.toEpochMilli());
                } else {
                    s.setNull(3, java.sql.Types.BIGINT);
                }
                s.setLong(4, callId);
                s.executeUpdate();
            }
        }
        return written;
    }

    private static boolean ended(Connection c, long callId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ended_at FROM calls WHERE id = ?")) {
            s.setLong(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no call " + callId);
                }
                rs.getLong(1);
                return !rs.wasNull();
            }
        }
    }

    /** Inserts one status event; null when the call already had that status. */
    private static StatusEvent insertEvent(Connection c, long callId, String orderId, StatusChange change, Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO call_events (call_id, order_id, status, at, detail)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_id, status) DO NOTHING RETURNING id")) {
            s.setLong(1, callId);
            s.setString(2, orderId);
            s.setString(3, change.status().name());
            s.setLong(4, at.toEpochMilli());
            s.setString(5, change.detail());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new StatusEvent(rs.getLong(1), callId, orderId, change.status(), at, change.detail());
            }
        }
    }

    private static Recording insertRecording(Connection c, long callId, String orderId, String file, long sizeBytes,
            long durationMs, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO recordings (call_id, order_id, file, size_bytes,"
                + " duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (call_id) DO UPDATE SET"
                + " size_bytes = excluded.size_bytes, duration_ms = excluded.duration_ms RETURNING id, created_at")) {
            s.setLong(1, callId);
            s.setString(2, orderId);
            s.setString(3, file);
            s.setLong(4, sizeBytes);
            s.setLong(5, durationMs);
            s.setLong(6, at.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Recording(rs.getLong(1), callId, orderId, file, sizeBytes, durationMs,
                        Instant.ofEpochMilli(rs.getLong(2)));
            }
        }
    }

    private static boolean updatePresence(Connection c, String sip, OperatorStatus status, String deviceState,
            Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status, device_state FROM operators WHERE sip = ?")) {
            s.setString(1, sip);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getString(1).equals(status.name()) && rs.getString(2).equals(deviceState)) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO operators (sip, status, device_state, since)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (sip) DO UPDATE SET status = excluded.status,"
                + " device_state = excluded.device_state, since = excluded.since")) {
            s.setString(1, sip);
            s.setString(2, status.name());
            s.setString(3, deviceState);
            s.setLong(4, at.toEpochMilli());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO operator_events (sip, status, device_state, at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, sip);
            s.setString(2, status.name());
            s.setString(3, deviceState);
            s.setLong(4, at.toEpochMilli());
            s.executeUpdate();
        }
        return true;
    }

    private static String randomToken() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
