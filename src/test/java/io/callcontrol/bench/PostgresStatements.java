package io.callcontrol.bench;

import io.callcontrol.testbed.PostgresCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The profile of the PostgreSQL server's side in a profiled run ({@code scripts/bench --profile}): the cluster is
 * started with pg_stat_statements (its statements inside functions too, so a trigger's statements are counted
 * apart), and after the suite the statements that took the most server time are written beside the daemon's log.
 */
final class PostgresStatements {

    /** The server options that load pg_stat_statements. */
    static final String SERVER_OPTIONS = "-c shared_preload_libraries=pg_stat_statements"
            + " -c pg_stat_statements.track=all";

    private PostgresStatements() {
    }

    /** Makes the extension's view in the run's database and empties it. */
    static void reset() {
        PostgresCluster.execute(PostgresCluster.url(), "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        PostgresCluster.execute(PostgresCluster.url(), "SELECT pg_stat_statements_reset()");
    }

    /** The {@code top} statements by total server time since {@link #reset}, written to {@code file}. */
    static void write(Path file, int top) throws IOException, SQLException {
        List<String> lines = new ArrayList<>();
        lines.add("total ms\tcalls\tmean µs\trows\tstatement (toplevel: t, inside a function: f)");
        try (Connection c = DriverManager.getConnection(PostgresCluster.url(), PostgresCluster.USER,
                PostgresCluster.PASSWORD); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT total_exec_time, calls, 1000 * mean_exec_time, rows, toplevel,"
                     + " regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements"
                     + " ORDER BY total_exec_time DESC LIMIT " + top)) {
            while (rs.next()) {
                lines.add(Results.format(rs.getDouble(1), 0) + "\t" + rs.getLong(2) + "\t"
                        + Results.format(rs.getDouble(3), 1) + "\t" + rs.getLong(4) + "\t"
                        + (rs.getBoolean(5) ? "t " : "f ") + rs.getString(6));
            }
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        System.out.println("  PostgreSQL's statements by server time: " + file);
        lines.stream().limit(top + 1).forEach(line -> System.out.println("    " + line));
    }
}
