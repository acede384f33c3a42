package io.callcontrol.storage;

import io.callcontrol.call.CallStatus;
import io.callcontrol.operator.OperatorStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The read side of the store in plain SQL that SQLite and PostgreSQL both accept. Each query is shaped to use
 * one index of the schema, so the big tables (calls, call_events) are never scanned whole; the statement
 * texts are package-visible so a test can check their query plans.
 */
public final class SqlHistory implements History {

    private static final String CALL = "SELECT id, order_id, external_key, sip, phone, channel_id, status,"
            + " created_at, ended_at FROM calls";
    private static final String EVENT = "SELECT id, call_id, order_id, status, at, detail FROM call_events";
    private static final String RECORDING = "SELECT id, call_id, order_id, file, size_bytes, duration_ms,"
            + " created_at FROM recordings";
    private static final String OPERATOR = "SELECT sip, status, device_state, since FROM operators";
    private static final String OPERATOR_EVENT = "SELECT id, sip, status, device_state, at FROM operator_events";

    static final String RECORDINGS = RECORDING + " ORDER BY id DESC";
    static final String RECORDINGS_COUNT = "SELECT COUNT(*) FROM recordings";
    static final String CALLS_OF_ORDER = CALL + " WHERE order_id = ? ORDER BY id";
    static final String RECORDINGS_OF_ORDER = RECORDING + " WHERE order_id = ? ORDER BY id";
    static final String ORDER_HISTORY = EVENT + " WHERE order_id = ? ORDER BY id";
    static final String CALL_BY_ID = CALL + " WHERE id = ?";
    static final String CALL_HISTORY = EVENT + " WHERE call_id = ? ORDER BY id";
    static final String STATUSES_AFTER = EVENT + " WHERE id > ? ORDER BY id LIMIT ?";
    static final String OPERATORS = OPERATOR + " ORDER BY sip";
    static final String OPERATORS_COUNT = "SELECT COUNT(*) FROM operators";
    static final String OPERATOR_HISTORY = OPERATOR_EVENT + " ORDER BY id DESC";
    static final String OPERATOR_HISTORY_COUNT = "SELECT COUNT(*) FROM operator_events";
    static final String OPERATOR_HISTORY_OF_SIP = OPERATOR_EVENT + " WHERE sip = ? ORDER BY id DESC";
    static final String OPERATOR_HISTORY_OF_SIP_COUNT = "SELECT COUNT(*) FROM operator_events WHERE sip = ?";
    static final String RECORDING_BY_ID = RECORDING + " WHERE id = ?";
    static final String CALLS_IN_PROGRESS = CALL + " WHERE ended_at IS NULL ORDER BY id";

    /** Turns the current row into a value. */
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Database database;

    public SqlHistory(Database database) {
        this.database = database;
    }

    @Override
    public Page<Recording> recordings(int page, int perPage) {
        return page("the recordings", RECORDINGS_COUNT, RECORDINGS, SqlHistory::recording, page, perPage);
    }

    @Override
    public List<CallRecord> callsOfOrder(String orderId) {
        return list("the calls of order " + orderId, CALLS_OF_ORDER, SqlHistory::call, orderId);
    }

    @Override
    public List<Recording> recordingsOfOrder(String orderId) {
        return list("the recordings of order " + orderId, RECORDINGS_OF_ORDER, SqlHistory::recording, orderId);
    }

    @Override
    public List<StatusEvent> orderHistory(String orderId) {
        return list("the history of order " + orderId, ORDER_HISTORY, SqlHistory::event, orderId);
    }

    @Override
    public Optional<CallRecord> call(long callId) {
        return first(list("call " + callId, CALL_BY_ID, SqlHistory::call, callId));
    }

    @Override
    public List<StatusEvent> callHistory(long callId) {
        return list("the history of call " + callId, CALL_HISTORY, SqlHistory::event, callId);
    }

    @Override
    public List<StatusEvent> statusesAfter(long afterId, int limit) {
        return list("the statuses after " + afterId, STATUSES_AFTER, SqlHistory::event, afterId, limit);
    }

    @Override
    public Page<Operator> operators(Set<OperatorStatus> statuses, int page, int perPage) {
        if (statuses.isEmpty()) {
            return page("the operators", OPERATORS_COUNT, OPERATORS, SqlHistory::operator, page, perPage);
        }
        // Only the number of placeholders depends on the input; the statuses themselves are bound.
        String in = " WHERE status IN (" + String.join(", ", Collections.nCopies(statuses.size(), "?")) + ")";
        Object[] names = statuses.stream().map(Enum::name).toArray();
        return page("the operators " + statuses, OPERATORS_COUNT + in, OPERATOR + in + " ORDER BY sip",
                SqlHistory::operator, page, perPage, names);
    }

    @Override
    public Page<OperatorEvent> operatorHistory(String sip, int page, int perPage) {
        // Two statement pairs rather than "sip = ? OR ? IS NULL", which no planner can serve from the index.
        if (sip == null) {
            return page("the operators' history", OPERATOR_HISTORY_COUNT, OPERATOR_HISTORY,
                    SqlHistory::operatorEvent, page, perPage);
        }
        return page("the history of operator " + sip, OPERATOR_HISTORY_OF_SIP_COUNT, OPERATOR_HISTORY_OF_SIP,
                SqlHistory::operatorEvent, page, perPage, sip);
    }

    @Override
    public Optional<Recording> recording(long recordingId) {
        return first(list("recording " + recordingId, RECORDING_BY_ID, SqlHistory::recording, recordingId));
    }

    @Override
    public List<CallRecord> callsInProgress() {
        return list("the calls in progress", CALLS_IN_PROGRESS, SqlHistory::call);
    }

    <T> List<T> list(String what, String sql, Row<T> row, Object... parameters) {
        try (Connection c = database.connection()) {
            return query(c, sql, row, parameters);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * One page and the size of the whole listing. Both statements run in one transaction so that, on SQLite,
     * they read the same snapshot and the total matches the items even while the writer commits.
     */
    <T> Page<T> page(String what, String countSql, String sql, Row<T> row, int page, int perPage,
            Object... parameters) {
        if (page < 1 || perPage < 1) {
            throw new IllegalArgumentException("page and perPage count from 1: page " + page + ", perPage " + perPage);
        }
        Object[] window = withWindow(parameters, perPage, (long) (page - 1) * perPage);
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                long total = query(c, countSql, rs -> rs.getLong(1), parameters).get(0);
                List<T> items = query(c, sql + " LIMIT ? OFFSET ?", row, window);
                return new Page<>(items, page, perPage, total);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + what + " (page " + page + "): " + e.getMessage(), e);
        }
    }

    static <T> List<T> query(Connection c, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
                return rows;
            }
        }
    }

    private static Object[] withWindow(Object[] parameters, int limit, long offset) {
        Object[] all = new Object[parameters.length + 2];
        System.arraycopy(parameters, 0, all, 0, parameters.length);
        all[parameters.length] = limit;
        all[parameters.length + 1] = offset;
        return all;
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static CallRecord call(ResultSet rs) throws SQLException {
        long endedMillis = rs.getLong("ended_at");
        Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(endedMillis);
        return new CallRecord(rs.getLong("id"), rs.getString("order_id"), rs.getString("external_key"),
                rs.getString("sip"), rs.getString("phone"), rs.getString("channel_id"),
                CallStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), endedAt);
    }

    private static StatusEvent event(ResultSet rs) throws SQLException {
        return new StatusEvent(rs.getLong("id"), rs.getLong("call_id"), rs.getString("order_id"),
                CallStatus.valueOf(rs.getString("status")), instant(rs, "at"), rs.getString("detail"));
    }

    private static Recording recording(ResultSet rs) throws SQLException {
        return new Recording(rs.getLong("id"), rs.getLong("call_id"), rs.getString("order_id"), rs.getString("file"),
                rs.getLong("size_bytes"), rs.getLong("duration_ms"), instant(rs, "created_at"));
    }

    private static Operator operator(ResultSet rs) throws SQLException {
        return new Operator(rs.getString("sip"), OperatorStatus.valueOf(rs.getString("status")),
                rs.getString("device_state"), instant(rs, "since"));
    }

    private static OperatorEvent operatorEvent(ResultSet rs) throws SQLException {
        return new OperatorEvent(rs.getLong("id"), rs.getString("sip"), OperatorStatus.valueOf(rs.getString("status")),
                rs.getString("device_state"), instant(rs, "at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }
}
