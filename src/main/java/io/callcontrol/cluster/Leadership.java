package io.callcontrol.cluster;

import io.callcontrol.config.StorageConfig;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this daemon is the leader, the one of the daemons on a store that runs what must happen once
 * ({@link LeaderWork}). On PostgreSQL the leader is whoever holds the leader's advisory lock on its
 * {@link DaemonSession}: every {@link #CHECK} a follower tries to take it, and the leader checks that its session
 * still answers; a leader whose session fails stops its leader work at once, before the server can free the lock
 * for another. A daemon on SQLite is alone with its store and leads from its start.
 */
public final class Leadership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);
    /** How often the role is checked: a follower takes over this soon after the leader's lock is freed. */
    static final Duration CHECK = Duration.ofSeconds(1);
    /** How long a (re)starting daemon waits for its own name's lock. */
    private static final Duration NAME_PATIENCE = Duration.ofSeconds(10);

    private final StorageConfig storage;
    private final String name;
    private final Clock clock;
    /** Set by start. */
    private volatile LeaderWork work;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "leadership");
        t.setDaemon(true);
        return t;
    });
    /** Null on SQLite; on PostgreSQL null while the session is being opened again. Checks' thread only, after start. */
    private DaemonSession session;
    private volatile boolean leading;
    private volatile Instant since;
    private volatile boolean closed;

    private Leadership(StorageConfig storage, String name, DaemonSession session, Clock clock) {
        this.storage = storage;
        this.name = name;
        this.session = session;
        this.clock = clock;
        this.since = clock.instant();
    }

    /** The one daemon of a SQLite store: the leader once started. */
    public static Leadership alone(String name, Clock clock) {
        return new Leadership(null, name, null, clock);
    }

    /**
     * A daemon on a shared PostgreSQL store: opens its session and takes its name's lock now, so that a second
     * daemon of the same name is refused before it starts anything else.
     */
    public static Leadership shared(StorageConfig storage, String name, Clock clock) {
        return new Leadership(storage, name, DaemonSession.open(storage, name, NAME_PATIENCE), clock);
    }

    /** Decides the role now (a lone daemon leads at once), then checks it every second; a leader runs {@code work}. */
    public void start(LeaderWork work) {
        this.work = work;
        check();
        checks.scheduleWithFixedDelay(this::check, CHECK.toMillis(), CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean leading() {
        return leading;
    }

    /** When this daemon took its present role. */
    public Instant since() {
        return since;
    }

    public String role() {
        return leading ? "leader" : "follower";
    }

    public String name() {
        return name;
    }

    /** The server process of this daemon's session; -1 without one. */
    synchronized int sessionPid() throws SQLException {
        return session == null ? -1 : session.pid();
    }

    private synchronized void check() {
        if (closed) {
            return;
        }
        try {
            if (storage == null) {
                lead();
            } else if (session == null) {
                session = DaemonSession.open(storage, name, Duration.ZERO);
                log.info("cluster: the daemon's session is back");
            } else if (leading) {
                session.check();
            } else if (session.tryLead()) {
                lead();
            }
        } catch (SQLException | RuntimeException e) {
            follow("its store session failed: " + e.getMessage());
            if (session != null) {
                session.close();
                session = null;
            }
            return;
        }
        if (leading) {
            work.whileLeading();
        }
    }

    private void lead() {
        if (leading) {
            return;
        }
        leading = true;
        since = clock.instant();
        log.info("cluster: daemon {} is the leader: it runs scheduled calls, webhooks and the calls of stopped daemons",
                name);
        work.lead();
    }

    private void follow(String why) {
        if (!leading) {
            return;
        }
        leading = false;
        since = clock.instant();
        log.warn("cluster: daemon {} is no longer the leader ({}); leader work stopped", name, why);
        work.follow();
    }

    /**
     * Stops checking and frees the locks, so another daemon takes over; the leader work has been stopped with the
     * daemon's other parts before. Bounded, idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        checks.shutdownNow();
        try {
            checks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            leading = false;
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }
}
