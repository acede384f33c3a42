package io.callcontrol.storage;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.ChannelIds;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusChange;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.recording.Recording;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The write side of the store: calls, their statuses, recordings and operator presence. Every write goes
 * through the single {@link StoreWriter}, so checks and inserts cannot race each other.
 */
public final class CallStore implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * A call in one statement: its id is the next after the highest (calls are never deleted; several daemons'
     * inserts are made exclusive by V9__daemons.sql on PostgreSQL), so the channel id, {@link ChannelIds#of} spelled in SQL, goes in with it; a reused
     * external_key inserts nothing and returns no row. MAX(id) is a scalar subquery: so SQLite reads the last
     * key, where a FROM subquery would scan the table.
     */
    static final String INSERT_CALL = "INSERT INTO calls (id, external_key, order_id, sip, phone, first,"
            + " channel_id, status, created_at, updated_at, daemon)"
            + " SELECT next.id, ?, ?, ?, ?, ?, 'cc-' || next.id || '-' || ?, ?, ?, ?, ?"
            + " FROM (SELECT COALESCE((SELECT MAX(id) FROM calls), 0) + 1 AS id) AS next WHERE true"
            + " ON CONFLICT (external_key) DO NOTHING RETURNING id";
    /** A call that has been connected before (a replayed fact) keeps the row, and its first file name. */
    static final String INSERT_DUE = "INSERT INTO recordings_due (call_id, file, since) VALUES (?, ?, ?)"
            + " ON CONFLICT (call_id) DO NOTHING";
    static final String CALL_WITH_KEY = "SELECT id FROM calls WHERE external_key = ?";
    static final String SCHEDULE_WITH_KEY = "SELECT id FROM schedules WHERE external_key = ?";
    /** What the trigger calls_external_key_not_scheduled (V5__schedule.sql) says when it refuses a call's key. */
    private static final String KEY_SCHEDULED = "external_key is already used by a scheduled call";
    static final String UPSERT_OPERATOR = "INSERT INTO operators (sip, status, device_state, since)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (sip) DO UPDATE SET status = excluded.status,"
            + " device_state = excluded.device_state, since = excluded.since"
            + " WHERE operators.status <> excluded.status OR operators.device_state <> excluded.device_state";

    private final StoreWriter writer;
    private final Clock clock;
    /** The daemon.name stored with each call this store creates: the daemon that follows it. */
    private final String daemon;

    public CallStore(Database database, Clock clock) {
        this(database, clock, "");
    }

    public CallStore(Database database, Clock clock, String daemon) {
        this.writer = new StoreWriter(database, 50_000);
        this.clock = clock;
        this.daemon = daemon;
    }

    /** The daemon.name its calls are stored with. */
    public String daemon() {
        return daemon;
    }

    /**
     * A new call and its CALL status, committed (durable) when the future completes. If the store cannot take it
     * within {@code timeout} the future fails and nothing is written: the caller may safely answer "not placed".
     */
    public CompletableFuture<CallRecord> createCall(String sip, String phone, String orderId, String externalKey,
            FirstParty first, Duration timeout) {
        String token = randomToken(); // here, not on the writer thread, which every write waits for
        return writer.submit(s -> insertCall(s, sip, phone, orderId, externalKey, first, token), timeout.toNanos());
    }

    /**
     * Appends statuses to a call and moves its current status; a status the call already has is skipped, so
     * the same fact arriving twice leaves one row. Completes with the events actually written.
     */
    public CompletableFuture<List<StatusEvent>> appendStatuses(long callId, String orderId, List<StatusChange> changes) {
        Instant at = clock.instant();
        return writer.submit(s -> StatusRows.insert(s, callId, orderId, changes, at));
    }

    /** Links a call's recording; it is no longer due (in the same transaction, so it is linked or due, never neither). */
    public CompletableFuture<Recording> addRecording(long callId, String orderId, String file, long sizeBytes, long durationMs) {
        Instant at = clock.instant();
        return writer.submit(s -> {
            Recording recording = insertRecording(s, callId, orderId, file, sizeBytes, durationMs, at);
            deleteDue(s, callId);
            return recording;
        });
    }

    /**
     * A call whose parties are connected: its recording {@code file} is due until it is linked or given up on. Queued
     * behind the call's statuses on the one writer, so it is committed with them or just after.
     */
    public CompletableFuture<Boolean> expectRecording(long callId, String file) {
        Instant at = clock.instant();
        return writer.submit(s -> {
            PreparedStatement insert = s.prepare(INSERT_DUE);
            insert.setLong(1, callId);
            insert.setString(2, file);
            insert.setLong(3, at.toEpochMilli());
            return insert.executeUpdate() > 0;
        });
    }

    /** Gives up on a due recording; true when it was still due, so that whoever gives up reports it once. */
    public CompletableFuture<Boolean> recordingMissing(long callId) {
        return writer.submit(s -> deleteDue(s, callId));
    }

    /** Records an operator's presence; writes an operatorHistory row only when it changed. */
    public CompletableFuture<Boolean> setOperatorPresence(String sip, OperatorStatus status, String deviceState) {
        Instant at = clock.instant();
        return writer.submit(s -> updatePresence(s, sip, status, deviceState, at));
    }

    /** The clock the store times its rows by. */
    Clock clock() {
        return clock;
    }

    /** The single writer, for the other stores that write beside this one (schedules). */
    StoreWriter writer() {
        return writer;
    }

    /** Why the store's last write failed, or null when it works. */
    public String lastFailure() {
        return writer.lastFailure();
    }

    /** Store transactions that failed since the start. */
    public long failures() {
        return writer.failures();
    }

    /** Statuses waiting to be written. */
    public int backlog() {
        return writer.backlog();
    }

    /** Runs {@code listener} after each commit, on the writer thread: it must return at once and never throw. */
    public void afterCommit(Runnable listener) {
        writer.afterCommit(listener);
    }

    /** Other writes of the storage package (webhook cursors), queued on the same single writer. */
    <T> CompletableFuture<T> write(StoreWriter.Work<T> work) {
        return writer.submit(work);
    }

    @Override
    public void close() {
        writer.close();
    }

    private CallRecord insertCall(Statements s, String sip, String phone, String orderId, String externalKey,
            FirstParty first, String token) throws SQLException {
        Instant now = clock.instant();
        PreparedStatement insert = s.prepare(INSERT_CALL);
        insert.setString(1, externalKey);
        insert.setString(2, orderId);
        insert.setString(3, sip);
        insert.setString(4, phone);
        insert.setString(5, first.apiName());
        insert.setString(6, token);
        insert.setString(7, CallStatus.CALL.name());
        insert.setLong(8, now.toEpochMilli());
        insert.setLong(9, now.toEpochMilli());
        insert.setString(10, daemon);
        long callId;
        try (ResultSet rs = insert.executeQuery()) {
            if (!rs.next()) {
                throw keyTaken(s, externalKey);
            }
            callId = rs.getLong(1);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains(KEY_SCHEDULED)) {
                throw new ScheduleStore.ExternalKeyScheduledException(externalKey,
                        holderOfKey(s, SCHEDULE_WITH_KEY, externalKey));
            }
            throw e;
        }
        String originated = first == FirstParty.OPERATOR ? "operator " + sip : "client " + phone;
        StatusRows.insertOne(s, callId, orderId, new StatusChange(CallStatus.CALL, "originate to " + originated), now);
        return new CallRecord(callId, orderId, externalKey, sip, phone, first, ChannelIds.of(callId, token),
                CallStatus.CALL, now, null);
    }

    /**
     * Why a call's insert returned no id: a call holds its key, or a schedule does (PostgreSQL's trigger skips such a
     * row, as raising would abort the transaction before the schedule could be named).
     */
    private static SQLException keyTaken(Statements s, String externalKey) throws SQLException {
        PreparedStatement select = s.prepare(SCHEDULE_WITH_KEY);
        select.setString(1, externalKey);
        try (ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
                return new ScheduleStore.ExternalKeyScheduledException(externalKey, rs.getLong(1));
            }
        }
        return new DuplicateExternalKeyException(externalKey, holderOfKey(s, CALL_WITH_KEY, externalKey));
    }

    /** The id of the call or schedule ({@code sql} selects it) that holds a key the insert found taken. */
    private static long holderOfKey(Statements s, String sql, String externalKey) throws SQLException {
        PreparedStatement select = s.prepare(sql);
        select.setString(1, externalKey);
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("external_key '" + externalKey + "' conflicts, but nothing holds it");
            }
            return rs.getLong(1);
        }
    }

    private static boolean deleteDue(Statements s, long callId) throws SQLException {
        PreparedStatement delete = s.prepare("DELETE FROM recordings_due WHERE call_id = ?");
        delete.setLong(1, callId);
        return delete.executeUpdate() > 0;
    }

    private static Recording insertRecording(Statements s, long callId, String orderId, String file, long sizeBytes,
            long durationMs, Instant at) throws SQLException {
        PreparedStatement insert = s.prepare("INSERT INTO recordings (call_id, order_id, file, size_bytes,"
                + " duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (call_id) DO UPDATE SET"
                + " size_bytes = excluded.size_bytes, duration_ms = excluded.duration_ms RETURNING id, created_at");
        insert.setLong(1, callId);
        insert.setString(2, orderId);
        insert.setString(3, file);
        insert.setLong(4, sizeBytes);
        insert.setLong(5, durationMs);
        insert.setLong(6, at.toEpochMilli());
        try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            return new Recording(rs.getLong(1), callId, orderId, file, sizeBytes, durationMs,
                    Instant.ofEpochMilli(rs.getLong(2)));
        }
    }

    /** The operator's row, and a history row when the presence changed: one statement when it did not. */
    private static boolean updatePresence(Statements s, String sip, OperatorStatus status, String deviceState,
            Instant at) throws SQLException {
        PreparedStatement upsert = s.prepare(UPSERT_OPERATOR);
        upsert.setString(1, sip);
        upsert.setString(2, status.name());
        upsert.setString(3, deviceState);
        upsert.setLong(4, at.toEpochMilli());
        if (upsert.executeUpdate() == 0) {
            return false;
        }
        PreparedStatement insert = s.prepare(
                "INSERT INTO operator_events (sip, status, device_state, at) VALUES (?, ?, ?, ?)");
        insert.setString(1, sip);
        insert.setString(2, status.name());
        insert.setString(3, deviceState);
        insert.setLong(4, at.toEpochMilli());
        insert.executeUpdate();
        return true;
    }

    private static String randomToken() {
        byte[] bytes = new byte[ChannelIds.TOKEN_LENGTH / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
