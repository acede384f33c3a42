package io.callcontrol.cluster;

import io.callcontrol.config.StorageConfig;
import io.callcontrol.storage.DaemonCalls;
import io.callcontrol.storage.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * A daemon's own PostgreSQL session, apart from the pool: it holds the session advisory lock keyed on the daemon's
 * name for as long as the daemon runs (so the leader knows it is alive, and a second daemon of that name is refused),
 * and the leader's lock while this daemon leads. A session that breaks takes both locks with it: PostgreSQL frees
 * them when the daemon is killed (its socket closes) or, if the daemon is cut off, when the session has been idle for
 * {@link #IDLE_LIMIT} ({@code idle_session_timeout}), longer than the daemon takes to notice and step down.
 */
final class DaemonSession implements AutoCloseable {

    /** How long the server keeps a silent session, and its locks; the daemon speaks on it every second. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(5);
    /** How long one check may take before the daemon counts the session as lost; below {@link #IDLE_LIMIT}. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
    /** The leader's lock: one per store (schema). */
    private static final String LEAD = "SELECT pg_try_advisory_lock(" + DaemonCalls.LOCK_CLASS
            + ", hashtext(current_schema() || '/leader'))";
    private static final String OWN = "SELECT pg_try_advisory_lock(" + DaemonCalls.LOCK_CLASS + ", "
            + DaemonCalls.NAME_KEY + ")";

    private final Connection connection;

    private DaemonSession(Connection connection) {
        this.connection = connection;
    }

    /**
     * Connects and takes the daemon's own lock, trying for {@code patience} (a leader may hold it for a moment while
     * it looks at the daemon's calls, and a killed daemon's old session may still be closing).
     *
     * @throws StoreException when another running daemon has this name, or the store cannot be reached
     */
    static DaemonSession open(StorageConfig config, String name, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            Connection c = connect(config);
            try {
                while (!own(c, name)) {
                    if (System.nanoTime() > deadline) {
                        throw new StoreException("daemon.name: another running daemon is named '" + name
                                + "' on this store; give each daemon its own name");
                    }
                    Thread.sleep(200);
                }
                return new DaemonSession(c);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("storage.url: cannot open the daemon's session at " + config.safeUrl() + ": "
                    + config.redact(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while taking the daemon's lock");
        }
    }

    private static Connection connect(StorageConfig config) throws SQLException {
        Properties p = new Properties();
        if (!config.username().isEmpty()) {
            p.setProperty("user", config.username());
            p.setProperty("password", config.password());
        }
        p.setProperty("ApplicationName", "callcontrol (daemon session)");
        p.setProperty("socketTimeout", Long.toString(CHECK_TIMEOUT.toSeconds() + 1));
        p.setProperty("connectTimeout", Long.toString(CHECK_TIMEOUT.toSeconds()));
        p.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(config.url(), p);
        try (Statement s = c.createStatement()) {
            s.execute("SET idle_session_timeout = '" + IDLE_LIMIT.toMillis() + "ms'");
        }
        return c;
    }

    private static boolean own(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(OWN)) {
            s.setString(1, name);
            return answer(s);
        }
    }

    /** Takes the leader's lock if no other session holds it; true once held (again) by this one. */
    boolean tryLead() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(LEAD)) {
            s.setQueryTimeout((int) CHECK_TIMEOUT.toSeconds());
            return answer(s);
        }
    }

    /** The server process of this session (what an admin's pg_terminate_backend names). */
    int pid() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_backend_pid()");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A round trip: throws when the session (and so its locks) may be gone. */
    void check() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT 1")) {
            s.setQueryTimeout((int) CHECK_TIMEOUT.toSeconds());
            answer(s);
        }
    }

    private static boolean answer(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Frees the locks, then closes the session. Freed first: the server ends a closed session's process a moment
     * after the socket closes, and until then its locks are held (a daemon restarted at once, or the next leader,
     * would wait for them).
     */
    @Override
    public void close() {
        try (Statement s = connection.createStatement()) {
            s.setQueryTimeout((int) CHECK_TIMEOUT.toSeconds());
            s.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException e) {
            // the session is gone, and its locks with it
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // the session is gone, and its locks with it
        }
    }
}
