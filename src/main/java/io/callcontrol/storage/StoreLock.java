package io.callcontrol.storage;

import io.callcontrol.config.StorageConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One daemon per PostgreSQL store: a session-level advisory lock, held on a connection of its own for as long as the
 * store is open. Several daemons writing one store are not supported yet (each would assign call ids as MAX + 1 and
 * run its schedules), so a second one is refused at its start instead of corrupting the first one's work. The lock is
 * keyed by the schema, so separate stores in separate schemas of one database do not exclude each other.
 */
final class StoreLock implements AutoCloseable {

    /** The advisory lock's first key: callcontrol's own, beside any other application's locks. */
    private static final int CLASS_ID = 0x63630001;

    private final Connection connection;

    private StoreLock(Connection connection) {
        this.connection = connection;
    }

    static StoreLock take(StorageConfig config) throws SQLException {
        Properties credentials = new Properties();
        if (!config.username().isEmpty()) {
            credentials.setProperty("user", config.username());
            credentials.setProperty("password", config.password());
        }
        credentials.setProperty("ApplicationName", "callcontrol (store lock)");
        Connection c = DriverManager.getConnection(config.url(), credentials);
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(current_schema()))")) {
            s.setInt(1, CLASS_ID);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new StoreException("another callcontrol daemon uses this PostgreSQL store (schema "
                            + schema(c) + "): several daemons on one store are not supported");
                }
            }
            return new StoreLock(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static String schema(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT current_schema()"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Closing the session releases the lock. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the session is gone, and its lock with it
        }
    }
}
