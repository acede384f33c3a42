package io.callcontrol.bench;

import io.callcontrol.call.CallStatus;
import io.callcontrol.config.Config;
import io.callcontrol.storage.Database;
import io.callcontrol.testbed.PostgresCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link HistoryStore}'s calls and status rows in a PostgreSQL store (of {@link PostgresCluster}, a cluster of its own),
 * made by generate_series in one transaction: the same ids, operators, times and chains, so the same figures. The
 * per-row triggers are off while the rows go in, as the store copy does; the statistics' tallies are then made by
 * the schema's own backfill (the statements of db/postgresql/V8__call_stats.sql before its trigger), which the store
 * tests hold equal to what the trigger writes.
 */
final class PostgresHistoryStore {

    private PostgresHistoryStore() {
    }

    /** A new store of about {@code statuses} status rows; its storage.* settings. */
    static Map<String, String> generate(long statuses) throws Exception {
        Map<String, String> settings = PostgresCluster.freshStoreSettings();
        Database.open(Config.from(settings).storage()).close(); // the daemon's schema, by its own migrations
        long calls = HistoryStore.callsFor(statuses);
        try (Connection c = DriverManager.getConnection(settings.get("storage.url"), settings.get("storage.username"),
                settings.get("storage.password")); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("ALTER TABLE calls DISABLE TRIGGER USER");
            s.execute("ALTER TABLE call_events DISABLE TRIGGER USER");
            s.execute("CREATE TEMPORARY TABLE kinds (kind INTEGER, step INTEGER, status TEXT, last BOOLEAN)");
            s.execute("INSERT INTO kinds VALUES " + kindRows());
            // HistoryStore: call g at START + 1500 g, operator 1000 + g % 200, order 1000000 + (g - 1) / 2
            s.execute("INSERT INTO calls (id, external_key, order_id, sip, phone, channel_id, status, created_at,"
                    + " updated_at, ended_at) SELECT g, 'crm-' || g, (1000000 + (g - 1) / 2)::text,"
                    + " (1000 + g % 200)::text, '380630000000', 'cc-' || g || '-00000000', k.status,"
                    + " 1760000000000 + g * 1500, 1760000000000 + g * 1500 + 2000 * k.step,"
                    + " 1760000000000 + g * 1500 + 2000 * k.step"
                    + " FROM generate_series(1::bigint, " + calls + ") g JOIN kinds k ON k.kind = (g - 1) % "
                    + HistoryStore.KINDS.size() + " AND k.last");
            s.execute("INSERT INTO call_events (id, call_id, order_id, status, at, detail)"
                    + " SELECT row_number() OVER (ORDER BY g, k.step), g, (1000000 + (g - 1) / 2)::text, k.status,"
                    + " 1760000000000 + g * 1500 + 2000 * k.step, ''"
                    + " FROM generate_series(1::bigint, " + calls + ") g JOIN kinds k ON k.kind = (g - 1) % "
                    + HistoryStore.KINDS.size());
            s.execute("UPDATE event_ids SET seq = (SELECT MAX(id) FROM call_events)");
            for (String sql : backfill()) {
                s.execute(sql);
            }
            s.execute("ALTER TABLE calls ENABLE TRIGGER USER");
            s.execute("ALTER TABLE call_events ENABLE TRIGGER USER");
            c.commit();
            s.execute("ANALYZE");
        }
        return settings;
    }

    private static String kindRows() {
        List<String> rows = new ArrayList<>();
        for (int kind = 0; kind < HistoryStore.KINDS.size(); kind++) {
            List<CallStatus> chain = HistoryStore.KINDS.get(kind);
            for (int step = 0; step < chain.size(); step++) {
                rows.add("(" + kind + ", " + step + ", '" + chain.get(step).name() + "', "
                        + (step == chain.size() - 1) + ")");
            }
        }
        return String.join(", ", rows);
    }

    /** V8's backfill statements: the plain statements before its trigger function. */
    private static List<String> backfill() throws IOException, SQLException {
        String script;
        try (InputStream in = Database.class.getClassLoader()
                .getResourceAsStream("db/postgresql/V8__call_stats.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.substring(0, script.indexOf("CREATE FUNCTION")).split("\n")) {
            if (line.trim().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                String sql = current.toString().trim();
                if (sql.startsWith("UPDATE calls") || sql.startsWith("INSERT INTO stats_")) {
                    statements.add(sql.substring(0, sql.length() - 1));
                }
                current.setLength(0);
            }
        }
        if (statements.size() != 4) {
            throw new SQLException("V8's backfill: " + statements.size() + " statements, 4 expected");
        }
        return statements;
    }
}
