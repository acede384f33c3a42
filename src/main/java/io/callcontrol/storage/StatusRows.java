package io.callcontrol.storage;

import io.callcontrol.call.Direction;
import io.callcontrol.call.StatusChange;
import io.callcontrol.call.StatusEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A call's statuses as rows: each status event, and the call's row moved to its last status. */
final class StatusRows {

    /** A status of a call that has not ended; a status the call has had already is not written again. */
    static final String INSERT_EVENT = "INSERT INTO call_events (call_id, order_id, status, at, detail, direction)"
            + " SELECT id, ?, ?, ?, ?, direction FROM calls WHERE id = ? AND ended_at IS NULL"
            + " ON CONFLICT (call_id, status) DO NOTHING RETURNING id, direction";
    static final String UPDATE_CALL =
            "UPDATE calls SET status = ?, updated_at = ?, ended_at = ? WHERE id = ? AND ended_at IS NULL";

    private StatusRows() {
    }

    /** Writes the statuses the call has not had yet, in order, and moves the call's row to the last one written. */
    static List<StatusEvent> insert(Statements s, long callId, String orderId,
            List<StatusChange> changes, Instant at) throws SQLException {
        List<StatusEvent> written = new ArrayList<>(changes.size());
        StatusChange last = null;
        for (StatusChange change : changes) {
            StatusEvent event = insertOne(s, callId, orderId, change, at);
            if (event != null) {
                written.add(event);
                last = change;
            }
        }
        if (last != null) {
            PreparedStatement update = s.prepare(UPDATE_CALL);
            update.setString(1, last.status().name());
            update.setLong(2, at.toEpochMilli());
            if (last.status().isTerminal()) {
                update.setLong(3, at.toEpochMilli());
            } else {
                update.setNull(3, Types.BIGINT);
            }
            update.setLong(4, callId);
            update.executeUpdate();
        }
        return written;
    }

    /**
     * Inserts one status event; null when the call already had that status, or has ended (a late or replayed
     * fact about a call that has its terminal status already), or does not exist.
     */
    static StatusEvent insertOne(Statements s, long callId, String orderId, StatusChange change,
            Instant at) throws SQLException {
        PreparedStatement insert = s.prepare(INSERT_EVENT);
        insert.setString(1, orderId);
        insert.setString(2, change.status().name());
        insert.setLong(3, at.toEpochMilli());
        insert.setString(4, change.detail());
        insert.setLong(5, callId);
        try (ResultSet rs = insert.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return new StatusEvent(rs.getLong(1), callId, orderId, change.status(), at, change.detail(),
                    Direction.fromApiName(rs.getString(2)));
        }
    }
}
