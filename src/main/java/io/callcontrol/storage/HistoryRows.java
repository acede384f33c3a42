package io.callcontrol.storage;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Direction;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.operator.Operator;
import io.callcontrol.operator.OperatorEvent;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.recording.Recording;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The store's rows as values: each SELECT's column list, and the mapper that reads its columns by position, in that
 * order. The queries ({@link SqlHistory}, and the other readers of the package) build on these lists.
 */
final class HistoryRows {

    static final String CALL = "SELECT id, order_id, external_key, sip, phone, channel_id, status,"
            + " created_at, ended_at, first, direction FROM calls";
    static final String EVENT = "SELECT id, call_id, order_id, status, at, detail, direction FROM call_events";
    static final String RECORDING = "SELECT id, call_id, order_id, file, size_bytes, duration_ms,"
            + " created_at FROM recordings";
    static final String OPERATOR = "SELECT sip, status, device_state, since FROM operators";
    static final String OPERATOR_EVENT = "SELECT id, sip, status, device_state, at FROM operator_events";


    private HistoryRows() {
    }

        static CallRecord call(ResultSet rs) throws SQLException {
        long endedMillis = rs.getLong(9);
        Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(endedMillis);
        return new CallRecord(rs.getLong(1), text(rs, 2), text(rs, 3), text(rs, 4), text(rs, 5),
                FirstParty.fromApiName(text(rs, 10)), text(rs, 6), CallStatus.valueOf(text(rs, 7)),
                instant(rs, 8), endedAt, Direction.fromApiName(text(rs, 11)));
    }

    static StatusEvent event(ResultSet rs) throws SQLException {
        return new StatusEvent(rs.getLong(1), rs.getLong(2), text(rs, 3), CallStatus.valueOf(text(rs, 4)),
                instant(rs, 5), text(rs, 6), Direction.fromApiName(text(rs, 7)));
    }

    static Recording recording(ResultSet rs) throws SQLException {
        return new Recording(rs.getLong(1), rs.getLong(2), text(rs, 3), text(rs, 4), rs.getLong(5),
                rs.getLong(6), instant(rs, 7));
    }

    static Operator operator(ResultSet rs) throws SQLException {
        return new Operator(text(rs, 1), OperatorStatus.valueOf(text(rs, 2)), text(rs, 3), instant(rs, 4));
    }

    static OperatorEvent operatorEvent(ResultSet rs) throws SQLException {
        return new OperatorEvent(rs.getLong(1), text(rs, 2), OperatorStatus.valueOf(text(rs, 3)),
                text(rs, 4), instant(rs, 5));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }

    /**
     * A text column, or null. Read as its UTF-8 bytes, which both drivers hand over as stored (SQLite's blob view
     * of a text value, PostgreSQL's text format in the UTF-8 client encoding the driver always sets). SQLite's
     * getString wraps the text in a direct buffer and copies it twice; a page of 100 events reads 300 texts.
     */
    static String text(ResultSet rs, int column) throws SQLException {
        byte[] utf8 = rs.getBytes(column);
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }
}
