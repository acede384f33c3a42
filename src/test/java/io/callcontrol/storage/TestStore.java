package io.callcontrol.storage;

import io.callcontrol.call.CallChain;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusChange;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.config.Config;
import io.callcontrol.config.StorageConfig;
import io.callcontrol.recording.Recording;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A real store (SQLite in a test's temporary folder, or PostgreSQL), with the write side, the read side and a fixed clock. */
final class TestStore implements AutoCloseable {

    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    final Database database;
    final CallStore store;
    final SqlHistory history;

    private TestStore(Database database) {
        this.database = database;
        this.store = new CallStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
        this.history = new SqlHistory(database);
    }

    /** The SQLite store in {@code dir}. */
    static StorageConfig config(Path dir) {
        return config(StoreKind.SQLITE, dir);
    }

    /** The store of {@code kind} for a test's folder {@code dir}: the same store each time for the same folder. */
    static StorageConfig config(StoreKind kind, Path dir) {
        return Config.from(kind.settings(dir)).storage();
    }

    static TestStore open(Path dir) {
        return open(StoreKind.SQLITE, dir);
    }

    static TestStore open(StoreKind kind, Path dir) {
        return new TestStore(Database.open(config(kind, dir)));
    }

    /** A plain connection to the store of {@code kind} for {@code dir}, outside any pool (an older daemon's view). */
    static Connection connect(StoreKind kind, Path dir) throws SQLException {
        StorageConfig config = config(kind, dir);
        return config.username().isEmpty() ? DriverManager.getConnection(config.url())
                : DriverManager.getConnection(config.url(), config.username(), config.password());
    }

    /** The store's tables, in lower case. */
    List<String> tables() {
        try (Connection c = database.connection(); ResultSet rs = c.getMetaData().getTables(null, null, "%",
                new String[] {"TABLE"})) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
            return tables;
        } catch (SQLException e) {
            throw new AssertionError("the tables: " + e.getMessage(), e);
        }
    }

    CallRecord call(String externalKey, String orderId) {
        return store.createCall("201", "+79001234567", orderId, externalKey, FirstParty.OPERATOR,
                Duration.ofSeconds(10)).join();
    }

    List<StatusEvent> append(CallRecord call, CallStatus... statuses) {
        List<StatusChange> changes = Arrays.stream(statuses).map(s -> new StatusChange(s, s.name())).toList();
        return store.appendStatuses(call.callId(), call.orderId(), changes).join();
    }

    /** The call's status events, as the API reads them; none for an unknown call. */
    List<StatusEvent> events(long callId) {
        return history.callChain(callId).map(CallChain::history).orElse(List.of());
    }

    Recording recording(CallRecord call) {
        return store.addRecording(call.callId(), call.orderId(), call.callId() + ".wav", 1000, 2000).join();
    }

    /** The single number a query answers, such as a COUNT(*). */
    long number(String sql) {
        try (Connection c = database.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    void execute(String sql) {
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        store.close();
        database.close();
    }
}
