package io.callcontrol.storage;

import static io.callcontrol.storage.HistoryRows.CALL;
import static io.callcontrol.storage.HistoryRows.EVENT;
import static io.callcontrol.storage.HistoryRows.OPERATOR;
import static io.callcontrol.storage.HistoryRows.OPERATOR_EVENT;
import static io.callcontrol.storage.HistoryRows.RECORDING;

import io.callcontrol.call.CallChain;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.operator.Operator;
import io.callcontrol.operator.OperatorEvent;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.recording.Recording;
import io.callcontrol.recording.RecordingDue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read side of the store in plain SQL that SQLite and PostgreSQL both accept. Each query is shaped to use
 * one index of the schema, so the big tables (calls, call_events) are never scanned whole; the statement
 * texts are package-visible so a test can check their query plans.
 */
public final class SqlHistory implements History {

    static final String RECORDINGS = RECORDING + " ORDER BY id DESC LIMIT ? OFFSET ?";
    static final String RECORDINGS_BEFORE = RECORDING + " WHERE id < ? ORDER BY id DESC LIMIT ?";
    /** The size of a listing, kept by the schema's triggers (V2): no page counts the rows themselves. */
    static final String ROW_COUNT = "SELECT n FROM row_counts WHERE listing = ?";
    static final String CALLS_OF_ORDER = CALL + " WHERE order_id = ? AND id > ? ORDER BY id LIMIT ?";
    static final String RECORDINGS_OF_CALLS = RECORDING
            + " WHERE order_id = ? AND call_id > ? AND call_id <= ? ORDER BY id";
    static final String ORDER_HISTORY = EVENT + " WHERE order_id = ? AND id > ? ORDER BY id LIMIT ?";
    static final String CALL_BY_ID = CALL + " WHERE id = ?";
    /** By the partial index calls_missed (V10): its WHERE is repeated word for word, so both stores use it. */
    static final String MISSED_CALLS = CALL + " WHERE direction = 'inbound' AND status IN"
            + " ('OPERATOR_NOANSWER', 'OPERATOR_BUSY', 'OPERATOR_OFFLINE', 'CLIENT_CANCEL')"
            + " AND id > ? AND created_at >= ? AND created_at < ? ORDER BY id LIMIT ?";
    static final String CALL_HISTORY = EVENT + " WHERE call_id = ? ORDER BY id";
    static final String STATUSES_AFTER = EVENT + " WHERE id > ? ORDER BY id LIMIT ?";
    static final String OPERATORS = OPERATOR + " ORDER BY sip LIMIT ? OFFSET ?";
    static final String OPERATORS_COUNT = "SELECT COUNT(*) FROM operators";
    static final String OPERATOR_HISTORY = OPERATOR_EVENT + " ORDER BY id DESC LIMIT ? OFFSET ?";
    static final String OPERATOR_HISTORY_BEFORE = OPERATOR_EVENT + " WHERE id < ? ORDER BY id DESC LIMIT ?";
    static final String OPERATOR_HISTORY_OF_SIP = OPERATOR_EVENT + " WHERE sip = ? ORDER BY id DESC LIMIT ? OFFSET ?";
    static final String OPERATOR_HISTORY_OF_SIP_BEFORE = OPERATOR_EVENT
            + " WHERE sip = ? AND id < ? ORDER BY id DESC LIMIT ?";
    static final String RECORDING_BY_ID = RECORDING + " WHERE id = ?";
    static final String CALLS_IN_PROGRESS = CALL + " WHERE ended_at IS NULL ORDER BY id";
    static final String RECENT_CALLS = CALL + " ORDER BY id DESC LIMIT ?";
    /** A small table (rows leave it within a minute of the call's end), joined by the calls' primary key. */
    static final String RECORDINGS_DUE = "SELECT d.call_id, c.order_id, d.file FROM recordings_due d"
            + " JOIN calls c ON c.id = d.call_id WHERE c.ended_at IS NOT NULL ORDER BY d.call_id";

    /** Turns the current row into a value. */
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Reads on a connection held for it. */
    interface Read<T> {
        T on(Connection c) throws SQLException;
    }

    private final Database database;
    /** Prepared statements by the pool's underlying connections: preparing anew was a twentieth of a request. */
    private final Map<Connection, Statements> byConnection = new ConcurrentHashMap<>();

    public SqlHistory(Database database) {
        this.database = database;
    }

    @Override
    public Page<Recording> recordings(Paging paging) {
        return page("the recordings", paging, ROW_COUNT, new Object[] {"recordings"},
                paging.byKey() ? RECORDINGS_BEFORE : RECORDINGS, HistoryRows::recording);
    }

    @Override
    public List<CallRecord> callsOfOrder(String orderId, long afterCallId, int limit) {
        return list("the calls of order " + orderId, CALLS_OF_ORDER, HistoryRows::call, orderId, afterCallId, limit);
    }

    @Override
    public List<Recording> recordingsOfCalls(String orderId, long afterCallId, long lastCallId) {
        return list("the recordings of order " + orderId, RECORDINGS_OF_CALLS, HistoryRows::recording, orderId,
                afterCallId, lastCallId);
    }

    @Override
    public List<StatusEvent> orderHistory(String orderId, long afterId, int limit) {
        return list("the history of order " + orderId, ORDER_HISTORY, HistoryRows::event, orderId, afterId, limit);
    }

    @Override
    public Optional<CallRecord> call(long callId) {
        return first(list("call " + callId, CALL_BY_ID, HistoryRows::call, callId));
    }

    @Override
    public Optional<CallChain> callChain(long callId) {
        return snapshot("the history of call " + callId, c -> {
            Optional<CallRecord> call = first(query(c, CALL_BY_ID, HistoryRows::call, callId));
            return call.isEmpty() ? Optional.empty()
                    : Optional.of(new CallChain(call.get(), query(c, CALL_HISTORY, HistoryRows::event, callId)));
        });
    }

    @Override
    public List<CallRecord> missedCalls(long afterId, Instant from, Instant to, int limit) {
        return list("the missed calls after " + afterId, MISSED_CALLS, HistoryRows::call, afterId,
                from.toEpochMilli(), to.toEpochMilli(), limit);
    }

    @Override
    public List<StatusEvent> statusesAfter(long afterId, int limit) {
        return list("the statuses after " + afterId, STATUSES_AFTER, HistoryRows::event, afterId, limit);
    }

    @Override
    public Page<Operator> operators(Set<OperatorStatus> statuses, int page, int perPage) {
        Paging paging = Paging.number(page, perPage);
        if (statuses.isEmpty()) {
            return page("the operators", paging, OPERATORS_COUNT, new Object[0], OPERATORS, HistoryRows::operator);
        }
        // Only the number of placeholders depends on the input; the statuses themselves are bound.
        String in = " WHERE status IN (" + String.join(", ", Collections.nCopies(statuses.size(), "?")) + ")";
        Object[] names = statuses.stream().map(Enum::name).toArray();
        return page("the operators " + statuses, paging, OPERATORS_COUNT + in, names,
                OPERATOR + in + " ORDER BY sip LIMIT ? OFFSET ?", HistoryRows::operator, names);
    }

    @Override
    public Page<OperatorEvent> operatorHistory(String sip, Paging paging) {
        // Two statement pairs rather than "sip = ? OR ? IS NULL", which no planner can serve from the index.
        if (sip == null) {
            return page("the operators' history", paging, ROW_COUNT, new Object[] {"operator_events"},
                    paging.byKey() ? OPERATOR_HISTORY_BEFORE : OPERATOR_HISTORY, HistoryRows::operatorEvent);
        }
        return page("the history of operator " + sip, paging, ROW_COUNT, new Object[] {"operator_events/" + sip},
                paging.byKey() ? OPERATOR_HISTORY_OF_SIP_BEFORE : OPERATOR_HISTORY_OF_SIP, HistoryRows::operatorEvent,
                sip);
    }

    @Override
    public Optional<Recording> recording(long recordingId) {
        return first(list("recording " + recordingId, RECORDING_BY_ID, HistoryRows::recording, recordingId));
    }

    @Override
    public List<CallRecord> callsInProgress() {
        return list("the calls in progress", CALLS_IN_PROGRESS, HistoryRows::call);
    }

    @Override
    public List<CallRecord> recentCalls(int limit) {
        return list("the recent calls", RECENT_CALLS, HistoryRows::call, limit);
    }

    /**
     * The recordings of ended calls not linked yet: what a daemon that stopped (or lost AMI) in the minute after
     * such a call ended was still waiting for. Calls still in progress are not here: their end brings the search.
     */
    public List<RecordingDue> recordingsDue() {
        return list("the recordings due", RECORDINGS_DUE,
                rs -> new RecordingDue(rs.getLong(1), HistoryRows.text(rs, 2), HistoryRows.text(rs, 3)));
    }

    <T> List<T> list(String what, String sql, Row<T> row, Object... parameters) {
        try (Connection c = database.connection()) {
            return query(c, sql, row, parameters);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * One page and the size of the whole listing, read in one snapshot, so that the total matches the items even
     * while the writer commits. {@code sql} takes the {@code filter} parameters, then the window: (before id, limit)
     * by key, (limit, offset) by number.
     */
    <T> Page<T> page(String what, Paging paging, String countSql, Object[] countParameters, String sql,
            Row<T> row, Object... filter) {
        Object[] parameters = Arrays.copyOf(filter, filter.length + 2);
        parameters[filter.length] = paging.byKey() ? paging.beforeId() : paging.perPage();
        parameters[filter.length + 1] = paging.byKey() ? paging.perPage() : paging.offset();
        String where = paging.byKey() ? "before id " + paging.beforeId() : "page " + paging.page();
        return snapshot(what + " (" + where + ")", c -> {
            List<Long> count = query(c, countSql, rs -> rs.getLong(1), countParameters);
            List<T> items = query(c, sql, row, parameters);
            return new Page<>(items, paging.page(), paging.perPage(), count.isEmpty() ? 0 : count.get(0));
        });
    }

    /**
     * Runs {@code read} in one transaction, so that on SQLite all its statements see the same snapshot of the store
     * (the one its first statement began), whatever the writer commits meanwhile.
     */
    <T> T snapshot(String what, Read<T> read) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                return read.on(c);
            } finally {
                // Ends the read-only transaction in one statement, as the pool wants the connection back; rollback()
                // would begin the next transaction, which the pool then commits to restore autocommit.
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> List<T> query(Connection c, String sql, Row<T> row, Object... parameters) throws SQLException {
        return rows(statements(c).prepare(sql), row, parameters);
    }

    /** A query on a connection the caller holds (the store writer's, in its transaction); prepared once. */
    static <T> List<T> select(Connection c, String sql, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            return rows(s, row, parameters);
        }
    }

    private static <T> List<T> rows(PreparedStatement s, Row<T> row, Object... parameters) throws SQLException {
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

    /**
     * The statements kept for the pool's connection under {@code pooled}. They are prepared on that underlying
     * connection, so the pool does not close them when it takes the connection back, and they go when the pool
     * closes it. Only the thread holding the connection uses them; the pool's hand-over orders the uses.
     */
    private Statements statements(Connection pooled) throws SQLException {
        Connection connection = pooled.unwrap(Connection.class);
        Statements statements = byConnection.get(connection);
        if (statements == null) {
            byConnection.keySet().removeIf(SqlHistory::closed); // connections the pool has retired
            statements = new Statements(connection);
            byConnection.put(connection, statements);
        }
        return statements;
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
