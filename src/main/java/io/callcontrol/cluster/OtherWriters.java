package io.callcontrol.cluster;

import io.callcontrol.push.Changes;
import io.callcontrol.storage.EventLog;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commits of the other daemons on a shared store: this daemon's own commits wake its webhooks and WebSocket
 * feed at once ({@link Changes}), another daemon's are seen here, by the newest event id moving, within
 * {@link #POLL_MILLIS}.
 */
public final class OtherWriters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OtherWriters.class);
    static final long POLL_MILLIS = 250;

    private final EventLog events;
    private final Changes changes;
    private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "other-writers");
        t.setDaemon(true);
        return t;
    });
    /** The poll's thread only. */
    private long newest = -1;

    public OtherWriters(EventLog events, Changes changes) {
        this.events = events;
        this.changes = changes;
    }

    public OtherWriters start() {
        poll.scheduleWithFixedDelay(this::look, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    private void look() {
        try {
            long now = events.newestId();
            if (now != newest) {
                newest = now;
                changes.committed();
            }
        } catch (RuntimeException e) {
            log.debug("cluster: reading the newest event id: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        poll.shutdownNow();
        try {
            poll.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
