package io.callcontrol.storage;

import io.callcontrol.config.StorageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a SQLite store into an empty PostgreSQL store, every row with its id, in one PostgreSQL transaction: all of
 * it or nothing. The schema's triggers are off while the rows go in (they would number the copied recordings and
 * presence changes anew); the event counter, the identity sequences and the listing counts are then set to the
 * SQLite store's, so the next event, recording or schedule gets the id SQLite would have given it.
 */
public final class SqliteToPostgresql {

    /** Every table of the schema, parents before the rows that refer to them. */
    private static final List<String> TABLES = List.of("calls", "call_events", "recordings", "operators",
            "operator_events", "event_positions", "webhook_cursors", "schedules", "schedule_calls", "recordings_due",
            "row_counts", "stats_quarters", "stats_days", "call_actions");
    /** The tables whose ids PostgreSQL numbers with an identity column. */
    private static final List<String> IDENTITIES = List.of("recordings", "operator_events", "schedules", "call_actions");
    private static final int BATCH = 1_000;

    private SqliteToPostgresql() {
    }

    /**
     * Copies the store in {@code sqliteFile} (brought to the current schema first, as a daemon start would) into
     * the PostgreSQL store of {@code target}, which must hold no rows yet (and no daemon may be running on it).
     *
     * @return the number of rows copied, by table
     */
    public static Map<String, Long> copy(Path sqliteFile, StorageConfig target) {
        if (target.isSqlite()) {
            throw new StoreException("storage.url: the copy goes into a PostgreSQL store (jdbc:postgresql:), not "
                    + target.safeUrl());
        }
        if (!Files.isRegularFile(sqliteFile)) {
            throw new StoreException("--from: there is no SQLite store at " + sqliteFile);
        }
        StorageConfig source = new StorageConfig("jdbc:sqlite:" + sqliteFile.toAbsolutePath(), "", "", 2);
        try (Database from = Database.open(source); Database to = Database.open(target);
                Connection in = from.connection(); Connection out = to.connection()) {
            refuseRows(out);
            out.setAutoCommit(false);
            try {
                Map<String, Long> copied = copyAll(in, out);
                out.commit();
                return copied;
            } catch (SQLException | RuntimeException e) {
                out.rollback();
                throw e;
            } finally {
                out.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot copy the store: " + target.redact(e.getMessage()));
        }
    }

    private static Map<String, Long> copyAll(Connection in, Connection out) throws SQLException {
        for (String table : TABLES) {
            execute(out, "ALTER TABLE " + table + " DISABLE TRIGGER USER");
        }
        execute(out, "DELETE FROM row_counts"); // the empty store's zeros; the source's counts replace them
        Map<String, Long> copied = new LinkedHashMap<>();
        for (String table : TABLES) {
            copied.put(table, copyTable(in, out, table));
        }
        setPositions(in, out);
        for (String table : TABLES) {
            execute(out, "ALTER TABLE " + table + " ENABLE TRIGGER USER");
            long there = number(out, "SELECT COUNT(*) FROM " + table);
            if (there != copied.get(table)) {
                throw new SQLException(table + ": " + copied.get(table) + " rows read but " + there + " written");
            }
        }
        return copied;
    }

    private static long copyTable(Connection in, Connection out, String table) throws SQLException {
        long rows = 0;
        try (Statement read = in.createStatement(); ResultSet rs = read.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
            try (PreparedStatement write = out.prepareStatement(insert)) {
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        write.setObject(i, rs.getObject(i));
                    }
                    write.addBatch();
                    if (++rows % BATCH == 0) {
                        write.executeBatch();
                    }
                }
                write.executeBatch();
            }
        }
        return rows;
    }

    /** The next event id and the identity columns continue where the SQLite store's sequences were. */
    private static void setPositions(Connection in, Connection out) throws SQLException {
        try (PreparedStatement s = out.prepareStatement("UPDATE event_ids SET seq = ?")) {
            s.setLong(1, Math.max(sequence(in, "call_events"), number(out,
                    "SELECT COALESCE(MAX(id), 0) FROM (SELECT id FROM call_events UNION ALL SELECT id FROM event_positions) AS e")));
            s.executeUpdate();
        }
        for (String table : IDENTITIES) {
            long last = Math.max(sequence(in, table), number(out, "SELECT COALESCE(MAX(id), 0) FROM " + table));
            // setval(seq, n, false): the next id is n; identity sequences start at 1
            try (PreparedStatement s = out.prepareStatement("SELECT setval(pg_get_serial_sequence(?, 'id'), ?, false)")) {
                s.setString(1, table);
                s.setLong(2, last + 1);
                s.executeQuery().close();
            }
        }
    }

    /** SQLite's AUTOINCREMENT position of a table: the highest id it ever gave (0 when none). */
    private static long sequence(Connection in, String table) throws SQLException {
        try (PreparedStatement s = in.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void refuseRows(Connection out) throws SQLException {
        for (String table : TABLES) {
            if (!table.equals("row_counts") && number(out, "SELECT COUNT(*) FROM " + table) > 0) {
                throw new StoreException("the PostgreSQL store is not empty (" + table + " has rows): the copy goes"
                        + " into a new store only, nothing was written");
            }
        }
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
