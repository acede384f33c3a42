package io.callcontrol.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection and the statements prepared on it, kept for reuse: the JDBC drivers keep no statement cache of
 * their own, and preparing every statement anew was a quarter of the writer's time. Used by one thread at a
 * time: the writer's own connection, or a pooled connection while a reader holds it.
 */
final class Statements implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    Statements(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /**
     * The statement for {@code sql}, prepared on first use and kept: callers set every parameter on each use and
     * close only the result sets, never the statement.
     */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /** Closes the statements and hands the connection back to the pool (the writer's, after a failure). */
    @Override
    public void close() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // the connection is closed next, which releases the statement too
            }
        }
        prepared.clear();
        try {
            connection.close();
        } catch (SQLException e) {
            // a broken connection: the pool drops it
        }
    }
}
