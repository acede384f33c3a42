package io.callcontrol.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file on a thread of its own. Left to SQLite, the commit that
 * fills the log past its threshold does that copy and its fsync before it returns, so every hundredth or so makeCall
 * waited for it. A PASSIVE checkpoint runs beside the store writer (it never waits for, nor blocks, readers or the
 * writer); the writer's connection keeps SQLite's own checkpoint only as a backstop, at {@link #BACKSTOP_PAGES}.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
    /** The log size (in pages) at which a commit checkpoints by itself: only if this thread falls far behind. */
    static final int BACKSTOP_PAGES = 20_000;
    private static final Duration INTERVAL = Duration.ofMillis(250);

    private final DataSource store;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "store-checkpoint");
        t.setDaemon(true);
        return t;
    });
    private volatile String lastFailure;

    WalCheckpointer(DataSource store) {
        this.store = store;
        long interval = INTERVAL.toMillis();
        thread.scheduleWithFixedDelay(this::checkpoint, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            lastFailure = null;
        } catch (SQLException | RuntimeException e) {
            // the next one tries again; say so once per kind of failure, not four times a second
            if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                log.warn("store: checkpoint of the write-ahead log failed: {}", e.getMessage());
            }
            lastFailure = String.valueOf(e.getMessage());
        }
    }

    /** Stops; a checkpoint under way finishes first (bounded). Idempotent. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
