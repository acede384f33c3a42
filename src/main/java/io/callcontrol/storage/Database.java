package io.callcontrol.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.callcontrol.config.StorageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and the schema. Opening it applies every migration not applied yet, in order, each in
 * its own transaction, from {@code db/sqlite/} or {@code db/postgresql/} (the same versions; what else differs is in
 * {@link Dialect}); several daemons may share a PostgreSQL store (io.callcontrol.cluster). SQLite runs in WAL mode
 * with full fsync on commit, so a committed call survives a crash, and its log is copied into the database file by a
 * {@link WalCheckpointer}.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /**
     * Migration scripts, applied in this order; the number after the V is the schema version. A version missing
     * from a store is applied even when a later one is there already, so versions may land out of order.
     */
    private static final String[] MIGRATIONS = {"V1__schema.sql", "V2__row_counts.sql", "V3__first_party.sql",
            "V4__webhooks.sql", "V5__schedule.sql", "V6__schedule_first.sql", "V7__recordings_due.sql",
            "V8__call_stats.sql", "V9__daemons.sql", "V10__direction.sql",
            "V11__call_actions.sql", "V12__event_ids_once.sql"};

    /** PostgreSQL: the advisory lock's keys that let one daemon at a time migrate a store. */
    private static final String MIGRATION_LOCK = DaemonCalls.LOCK_CLASS + ", hashtext(current_schema() || '/migrate')";

    private final HikariDataSource pool;
    private final Dialect dialect;
    /** SQLite's log checkpoints, off the writer's commits; null for PostgreSQL. */
    private final WalCheckpointer checkpointer;
    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        this.checkpointer = dialect == Dialect.SQLITE ? new WalCheckpointer(pool) : null;
    }

    /**
     * Opens the store and brings its schema up to date. A failure says what went wrong with every password masked
     * ({@link StorageConfig#redact}), and carries no cause: a driver's exception could repeat the URL as given.
     */
    public static Database open(StorageConfig config) {
        Dialect dialect = Dialect.of(config);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("store");
        hikari.setJdbcUrl(config.url());
        hikari.setMaximumPoolSize(config.poolSize());
        if (!config.username().isEmpty()) {
            hikari.setUsername(config.username());
            hikari.setPassword(config.password());
        }
        dialect.configure(hikari, config);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("storage.url: cannot open the store at " + config.safeUrl() + ": "
                    + config.redact(e.getMessage()));
        }
        Database database = new Database(pool, dialect);
        try {
            database.migrate();
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw new StoreException("storage.url: cannot prepare the store at " + config.safeUrl() + ": "
                    + config.redact(e.getMessage()));
        }
        return database;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        pool.close();
    }

    /** Whether several daemons may share this store: PostgreSQL, not a SQLite file. */
    public boolean shared() {
        return dialect == Dialect.POSTGRESQL;
    }

    private void migrate() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                // two daemons starting at once on a new store: one migrates, the other waits and finds it done
                s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            }
            try {
                migrate(c, s);
            } finally {
                if (dialect == Dialect.POSTGRESQL) {
                    s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                }
            }
        }
    }

    private void migrate(Connection c, Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)");
        Set<Integer> applied = new HashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                applied.add(rs.getInt(1));
            }
        }
        Set<Integer> known = new HashSet<>();
        for (String name : MIGRATIONS) {
            known.add(version(name));
        }
        for (int version : applied) {
            if (!known.contains(version)) {
                throw new StoreException("the store's schema version " + version
                        + " is newer than this callcontrol knows: refusing to touch it");
            }
        }
        for (String name : MIGRATIONS) {
            if (!applied.contains(version(name))) {
                apply(c, version(name), name);
            }
        }
    }

    /** The schema version a script brings: V9__daemons.sql is 9. */
    static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    private void apply(Connection c, int version, String name) throws SQLException {
        String script = read("db/" + dialect.folder() + "/" + name);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : statements(script)) {
                s.execute(sql);
            }
            s.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + version + ", "
                    + System.currentTimeMillis() + ")");
            c.commit();
            log.info("store: applied migration {} ({})", version, name);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * The statements of a migration script: each ends with a line ending in ';', except a CREATE TRIGGER, whose
     * body holds statements of its own and which ends with a line {@code END;}, and a line inside a $$-quoted body
     * (PostgreSQL's functions). Lines starting with -- are comments.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean trigger = false;
        for (String line : script.split("\\r?\\n")) {
            String text = line.trim();
            if (text.isEmpty() || text.startsWith("--")) {
                continue;
            }
            if (current.length() == 0) {
                trigger = text.toUpperCase(Locale.ROOT).startsWith("CREATE TRIGGER");
            } else {
                current.append('\n');
            }
            current.append(line);
            boolean quoted = current.toString().split("\\$\\$", -1).length % 2 == 0; // an odd number of $$ so far
            // PostgreSQL's CREATE TRIGGER names its function and ends at its line's ';', SQLite's at END;
            boolean triggerEnd = text.equalsIgnoreCase("END;")
                    || text.endsWith(";") && current.indexOf("EXECUTE FUNCTION") >= 0;
            if (trigger ? triggerEnd : text.endsWith(";") && !quoted) {
                statements.add(current.substring(0, current.lastIndexOf(";")).trim());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().trim());
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreException("missing migration " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + resource, e);
        }
    }

}
