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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link HistoryStore}'s store in PostgreSQL (of {@link PostgresCluster}, a cluster of its own), made by
 * generate_series in one transaction: the same calls (ids, operators, phones, channels, times), status rows (the same
 * chains and details, interleaved as {@link HistoryStore#CONCURRENT} calls at a time interleave), recordings, operators
 * and presence changes, so the same answers. The per-row triggers are off while the rows go in, as the store copy
 * does; what they keep is then made in bulk: the webhook positions of recordings and presence changes after the
 * statuses (as on SQLite, where they are inserted after them), the event counter, the listing sizes, and the
 * statistics' tallies by the schema's own backfill (the statements of db/postgresql/V8__call_stats.sql before its
 * trigger), which the store tests hold equal to what the trigger writes.
 */
final class PostgresHistoryStore {

    private static final List<String> TABLES = List.of("calls", "call_events", "recordings", "operators",
            "operator_events", "event_positions");

    private PostgresHistoryStore() {
    }

    /** A new store of about {@code statuses} status rows; its storage.* settings. */
    static Map<String, String> generate(long statuses) throws Exception {
        Map<String, String> settings = PostgresCluster.freshStoreSettings();
        Database.open(Config.from(settings).storage()).close(); // the daemon's schema, by its own migrations
        long calls = HistoryStore.callsFor(statuses);
        try (Connection c = connect(settings); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String table : TABLES) {
                s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            }
            s.execute("CREATE TEMPORARY TABLE kinds (kind INTEGER, step INTEGER, status TEXT, last BOOLEAN)");
            s.execute("INSERT INTO kinds VALUES " + kindRows());
            String calledAt = "1760000000000 + g * 1500";
            String kindOf = "k.kind = (g - 1) % " + HistoryStore.KINDS.size();
            String order = "(" + HistoryStore.FIRST_ORDER + " + (g - 1) / " + HistoryStore.CALLS_PER_ORDER + ")::text";
            s.execute("INSERT INTO calls (id, external_key, order_id, sip, phone, channel_id, status, created_at,"
                    + " updated_at, ended_at) SELECT g, 'crm-' || g, " + order + ", (1000 + g % 200)::text,"
                    + " '38063' || (1000000 + g % 9000000) || '0',"
                    + " 'cc-' || g || '-' || lpad(to_hex((g * 2654435761) & 4294967295), 8, '0'), k.status,"
                    + " " + calledAt + ", " + calledAt + " + 2000 * (k.step + 1), " + calledAt + " + 2000 * (k.step + 1)"
                    + " FROM generate_series(1::bigint, " + calls + ") g JOIN kinds k ON " + kindOf + " AND k.last");
            // ids in the order HistoryStore inserts: a group of calls at a time, each step of all its calls in turn
            s.execute("INSERT INTO call_events (id, call_id, order_id, status, at, detail)"
                    + " SELECT row_number() OVER (ORDER BY (g - 1) / " + HistoryStore.CONCURRENT + ", k.step, g), g, "
                    + order + ", k.status, " + calledAt + " + 2000 * k.step, " + detail()
                    + " FROM generate_series(1::bigint, " + calls + ") g JOIN kinds k ON " + kindOf);
            s.execute("INSERT INTO recordings (id, call_id, order_id, file, size_bytes, duration_ms, created_at)"
                    + " SELECT row_number() OVER (ORDER BY g), g, " + order + ", '2025-10-09/' || " + order
                    + " || '-' || g || '.wav', 44 + (20 + g % 300) * 16000, (20 + g % 300) * 1000,"
                    + " " + calledAt + " + 12000 + (20 + g % 300) * 1000"
                    + " FROM generate_series(1::bigint, " + calls + ") g JOIN kinds k ON " + kindOf
                    + " AND k.status = 'CLIENT_PICKUP'");
            s.execute("INSERT INTO operators (sip, status, device_state, since) SELECT (1000 + i)::text,"
                    + " CASE WHEN i % 3 = 0 THEN 'OFFLINE' ELSE 'ONLINE' END,"
                    + " CASE WHEN i % 3 = 0 THEN 'UNAVAILABLE' ELSE 'NOT_INUSE' END, 1760000000000"
                    + " FROM generate_series(0, " + (HistoryStore.OPERATORS - 1) + ") i");
            s.execute("INSERT INTO operator_events (id, sip, status, device_state, at) SELECT k + 1,"
                    + " (1000 + k % " + HistoryStore.OPERATORS + ")::text,"
                    + " CASE WHEN k % 2 = 0 THEN 'INUSE' ELSE 'ONLINE' END,"
                    + " CASE WHEN k % 2 = 0 THEN 'INUSE' ELSE 'NOT_INUSE' END, 1760000000000 + k * 10000"
                    + " FROM generate_series(0::bigint, " + (HistoryStore.OPERATORS * 1_000L - 1) + ") k");
            // what the per-row triggers keep: positions after the statuses, the counter, identities, listing sizes
            s.execute("INSERT INTO event_positions (id, recording_id) SELECT (SELECT MAX(id) FROM call_events) + id, id"
                    + " FROM recordings");
            s.execute("INSERT INTO event_positions (id, operator_event_id) SELECT (SELECT MAX(id) FROM call_events)"
                    + " + (SELECT COUNT(*) FROM recordings) + id, id FROM operator_events");
            s.execute("UPDATE event_ids SET seq = GREATEST((SELECT MAX(id) FROM call_events),"
                    + " (SELECT COALESCE(MAX(id), 0) FROM event_positions))");
            for (String table : List.of("recordings", "operator_events")) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT MAX(id) FROM "
                        + table + "))");
                s.execute("UPDATE row_counts SET n = (SELECT COUNT(*) FROM " + table + ") WHERE listing = '" + table
                        + "'");
            }
            s.execute("INSERT INTO row_counts (listing, n) SELECT 'operator_events/' || sip, COUNT(*)"
                    + " FROM operator_events GROUP BY sip ON CONFLICT (listing) DO UPDATE SET n = EXCLUDED.n");
            for (String sql : backfill()) {
                s.execute(sql);
            }
            for (String table : TABLES) {
                s.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
            }
            c.commit();
            c.setAutoCommit(true);
            s.execute("VACUUM ANALYZE");
        }
        return settings;
    }

    /** The store's size on disk, for the table. */
    static String size(Map<String, String> settings) throws SQLException {
        try (Connection c = connect(settings); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
                     + " AND c.relkind = 'r'")) {
            rs.next();
            return Results.format(rs.getLong(1) / 1e9, 2) + " GB with indexes";
        }
    }

    private static Connection connect(Map<String, String> settings) throws SQLException {
        return DriverManager.getConnection(settings.get("storage.url"), settings.get("storage.username"),
                settings.get("storage.password"));
    }

    /** HistoryStore's detail of each status, in SQL over the call g and its step's status k.status. */
    private static String detail() {
        StringBuilder sql = new StringBuilder("CASE k.status");
        for (CallStatus status : CallStatus.values()) {
            String text = HistoryStore.detail(status, 0);
            if (status == CallStatus.CALL) {
                sql.append(" WHEN 'CALL' THEN 'originate to operator ' || (1000 + g % ").append(HistoryStore.OPERATORS)
                        .append(")");
            } else if (!text.isEmpty()) {
                sql.append(" WHEN '").append(status.name()).append("' THEN '").append(text).append("'");
            }
        }
        return sql.append(" ELSE '' END").toString();
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
