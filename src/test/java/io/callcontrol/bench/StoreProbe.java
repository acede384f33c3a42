package io.callcontrol.bench;

import io.callcontrol.call.CallStatus;
import io.callcontrol.config.Config;
import io.callcontrol.config.StorageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the daemon's store from the benchmark's side (SQLite's WAL mode lets it read while the daemon writes;
 * PostgreSQL reads committed rows, one statement at a time): to see the moment the last status is committed, and to
 * check every call's chain afterwards.
 */
final class StoreProbe implements AutoCloseable {

    private final Connection connection;

    StoreProbe(Path databaseFile) throws SQLException {
        this(Map.of("data.dir", databaseFile.getParent().toString()));
    }

    /** The store of these settings ({@link BenchStore#fresh}: data.dir, or storage.url with its credentials). */
    StoreProbe(Map<String, String> settings) throws SQLException {
        StorageConfig storage = Config.from(settings).storage();
        if (storage.isSqlite()) {
            connection = DriverManager.getConnection(storage.url());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
        } else {
            connection = DriverManager.getConnection(storage.url(), storage.username(), storage.password());
        }
    }

    /** Calls in the id range without a terminal status; served by the calls_in_progress partial index. */
    long unfinished(long firstCallId, long lastCallId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT COUNT(*) FROM calls WHERE ended_at IS NULL AND id BETWEEN ? AND ?")) {
            s.setLong(1, firstCallId);
            s.setLong(2, lastCallId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Polls every {@code pollMillis} until every call of the range has its terminal status committed: first the last
     * call alone (one key look-up), then the range's count. On PostgreSQL the count visits every call's entry in the
     * partial index until vacuum removes the ended ones (about a millisecond of the server's CPU on the ingest
     * benchmark's store), so counting from the start would take a share of the cores from the daemon it measures.
     *
     * @return the time that was first seen (System.nanoTime), or -1 when the timeout came first
     */
    long awaitFinished(long firstCallId, long lastCallId, Duration timeout, long pollMillis) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean lastEnded = false;
        while (System.nanoTime() < deadline) {
            lastEnded = lastEnded || unfinished(lastCallId, lastCallId) == 0;
            if (lastEnded && unfinished(firstCallId, lastCallId) == 0) {
                return System.nanoTime();
            }
            Thread.sleep(pollMillis);
        }
        return -1;
    }

    long maxEventId() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM call_events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The rows of a table (a name from the schema, never from input). */
    long count(String table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Status rows after an id: {id, call_id, status} each. */
    List<String[]> eventsAfter(long afterId, int limit) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT id, call_id, status FROM call_events WHERE id > ? ORDER BY id LIMIT ?")) {
            s.setLong(1, afterId);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        return rows;
    }

    /** Every call's statuses in id order, for the calls of the range. */
    Map<Long, List<CallStatus>> chains(long firstCallId, long lastCallId) throws SQLException {
        Map<Long, List<CallStatus>> chains = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT call_id, status FROM call_events WHERE call_id BETWEEN ? AND ? ORDER BY id")) {
            s.setLong(1, firstCallId);
            s.setLong(2, lastCallId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    chains.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                            .add(CallStatus.valueOf(rs.getString(2)));
                }
            }
        }
        return chains;
    }

    /** Each call's current status as the calls table has it. */
    Map<Long, CallStatus> currentStatuses(long firstCallId, long lastCallId) throws SQLException {
        Map<Long, CallStatus> statuses = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT id, status FROM calls WHERE id BETWEEN ? AND ?")) {
            s.setLong(1, firstCallId);
            s.setLong(2, lastCallId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    statuses.put(rs.getLong(1), CallStatus.valueOf(rs.getString(2)));
                }
            }
        }
        return statuses;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
