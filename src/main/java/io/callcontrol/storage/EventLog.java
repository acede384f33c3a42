package io.callcontrol.storage;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Direction;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.operator.OperatorEvent;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.push.LoggedEvent;
import io.callcontrol.recording.Recording;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's rows read as one log of events in id order: status changes ({@code call_events}) interleaved with
 * recordings ready and presence changes (their ids in {@code event_positions}, taken from the same sequence). This
 * is the push feeds' outbox: a reader keeps the id it got to and asks for what comes after. Ids are committed in
 * order by the single writer, so a reader never skips one. Reads run on the pool; never call them on an event loop.
 */
public final class EventLog {

    static final String STATUSES_AFTER = "SELECT e.id, e.call_id, e.order_id, e.status, e.at, e.detail, e.direction,"
            + " c.sip, c.phone, p.at AS picked_up_at FROM call_events e JOIN calls c ON c.id = e.call_id"
            // the talk starts when the other party answered: the operator, on an inbound call
            + " LEFT JOIN call_events p ON p.call_id = e.call_id AND e.status = 'FINISH' AND p.status ="
            + " (CASE WHEN e.direction = 'inbound' THEN 'OPERATOR_PICKUP' ELSE 'CLIENT_PICKUP' END)"
            + " WHERE e.id > ? ORDER BY e.id LIMIT ?";
    static final String OTHERS_AFTER = "SELECT x.id, r.id AS recording_id, r.call_id, r.order_id, r.file,"
            + " r.size_bytes, r.duration_ms, r.created_at, c.sip AS call_sip, c.phone, o.id AS operator_event_id,"
            + " o.sip, o.status, o.device_state, o.at FROM event_positions x"
            + " LEFT JOIN recordings r ON r.id = x.recording_id LEFT JOIN calls c ON c.id = r.call_id"
            + " LEFT JOIN operator_events o ON o.id = x.operator_event_id WHERE x.id > ? ORDER BY x.id LIMIT ?";
    static final String NEWEST = "SELECT MAX(id) FROM (SELECT MAX(id) AS id FROM call_events"
            + " UNION ALL SELECT MAX(id) FROM event_positions) AS newest";
    static final String COUNT_AFTER = "SELECT (SELECT COUNT(*) FROM call_events WHERE id > ?)"
            + " + (SELECT COUNT(*) FROM event_positions WHERE id > ?)";

    private final Database database;

    public EventLog(Database database) {
        this.database = database;
    }

    /** The first {@code limit} events with an id greater than {@code afterId}, in id order. */
    public List<LoggedEvent> after(long afterId, int limit) {
        try (Connection c = database.connection()) {
            // Both statements in one transaction: on SQLite they read one snapshot, so neither sees a later commit.
            c.setAutoCommit(false);
            try {
                return merged(statuses(c, afterId, limit), others(c, afterId, limit), limit);
            } finally {
                // Ends the read-only transaction in one statement, as the pool wants the connection back; rollback()
                // would begin the next transaction, which the pool then commits to restore autocommit.
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the events after " + afterId + ": " + e.getMessage(), e);
        }
    }

    /** The newest event's id; 0 when there is none. */
    public long newestId() {
        return number("the newest event id", NEWEST);
    }

    /** How many events come after {@code afterId}. */
    public long countAfter(long afterId) {
        return number("the events after " + afterId, COUNT_AFTER, afterId, afterId);
    }

    /** Two id-ordered lists of at most {@code limit} each, merged: the first {@code limit} of all, in id order. */
    private static List<LoggedEvent> merged(List<LoggedEvent> a, List<LoggedEvent> b, int limit) {
        List<LoggedEvent> all = new ArrayList<>(Math.min(limit, a.size() + b.size()));
        int i = 0;
        int j = 0;
        while (all.size() < limit && (i < a.size() || j < b.size())) {
            if (j == b.size() || i < a.size() && a.get(i).id() < b.get(j).id()) {
                all.add(a.get(i++));
            } else {
                all.add(b.get(j++));
            }
        }
        return all;
    }

    /** Turns the current row into an event. */
    private interface Row {
        LoggedEvent map(ResultSet rs) throws SQLException;
    }

    private static List<LoggedEvent> statuses(Connection c, long afterId, int limit) throws SQLException {
        return read(c, STATUSES_AFTER, afterId, limit, EventLog::status);
    }

    private static List<LoggedEvent> others(Connection c, long afterId, int limit) throws SQLException {
        return read(c, OTHERS_AFTER, afterId, limit, EventLog::other);
    }

    private static List<LoggedEvent> read(Connection c, String sql, long afterId, int limit, Row row)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, afterId);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<LoggedEvent> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(row.map(rs));
                }
                return events;
            }
        }
    }

    private static LoggedEvent status(ResultSet rs) throws SQLException {
        StatusEvent event = new StatusEvent(rs.getLong("id"), rs.getLong("call_id"), rs.getString("order_id"),
                CallStatus.valueOf(rs.getString("status")), instant(rs, "at"), rs.getString("detail"),
                Direction.fromApiName(rs.getString("direction")));
        return new LoggedEvent.Status(event, rs.getString("sip"), rs.getString("phone"), instant(rs, "picked_up_at"));
    }

    private static LoggedEvent other(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        long recordingId = rs.getLong("recording_id");
        if (!rs.wasNull()) {
            Recording recording = new Recording(recordingId, rs.getLong("call_id"), rs.getString("order_id"),
                    rs.getString("file"), rs.getLong("size_bytes"), rs.getLong("duration_ms"),
                    instant(rs, "created_at"));
            return new LoggedEvent.RecordingReady(id, recording, rs.getString("call_sip"), rs.getString("phone"));
        }
        OperatorEvent event = new OperatorEvent(rs.getLong("operator_event_id"), rs.getString("sip"),
                OperatorStatus.valueOf(rs.getString("status")), rs.getString("device_state"), instant(rs, "at"));
        return new LoggedEvent.Presence(id, event);
    }

    private long number(String what, String sql, long... parameters) {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setLong(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /** A time column; null when it is NULL. */
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
