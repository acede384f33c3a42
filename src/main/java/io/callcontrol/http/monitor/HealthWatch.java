package io.callcontrol.http.monitor;

import io.callcontrol.push.WebhookStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's state as the live feed pushes it ({@code /api/events?health=1}): every {@link #PERIOD} it reads the
 * health report and each webhook target's state, and when either changed it hands the new state to every watcher.
 * A watcher gets the state at once when it starts watching, then each change, so a dashboard never polls. Reading
 * the webhooks' backlog reads the store, so this runs on a thread of its own, never on an event loop.
 */
public final class HealthWatch implements AutoCloseable {

    /** How often the state is read. */
    static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(HealthWatch.class);

    /** What the feed pushes: the {@code /health} report and the webhookStatus targets. */
    public record State(HealthCheck.Report health, List<WebhookStatus> webhooks) {
        public State {
            webhooks = List.copyOf(webhooks);
        }
    }

    private final HealthCheck health;
    private final Supplier<List<WebhookStatus>> webhooks;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private State last;

    public HealthWatch(HealthCheck health, Supplier<List<WebhookStatus>> webhooks) {
        this.health = Objects.requireNonNull(health, "health");
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "health-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the state now and then every {@link #PERIOD}. */
    public void start() {
        thread.scheduleWithFixedDelay(this::read, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * From now on {@code watcher} is told each new state, on this watch's thread; it is told the current one first
     * (once one was read). Answers what ends the watch.
     */
    public Runnable watch(Consumer<State> watcher) {
        Watcher w = new Watcher(watcher);
        watchers.add(w);
        thread.execute(() -> {
            synchronized (this) {
                if (last != null && watchers.contains(w)) {
                    w.tell(last);
                }
            }
        });
        return () -> watchers.remove(w);
    }

    /** One reading: tells the watchers when the state changed. */
    synchronized void read() {
        State now;
        try {
            now = new State(health.check(), webhooks.get());
        } catch (RuntimeException e) {
            // the store failing shows in the report itself; a read that fails is tried again next period
            log.debug("health watch: the state could not be read: {}", e.toString());
            return;
        }
        if (now.equals(last)) {
            return;
        }
        last = now;
        for (Watcher w : watchers) {
            w.tell(now);
        }
    }

    /** One watcher and the state it was told last: it is never told the same state twice in a row. */
    private static final class Watcher {
        private final Consumer<State> consumer;
        private State told;

        Watcher(Consumer<State> consumer) {
            this.consumer = consumer;
        }

        void tell(State state) {
            if (state.equals(told)) {
                return;
            }
            told = state;
            try {
                consumer.accept(state);
            } catch (RuntimeException e) {
                log.warn("health watch: a watcher failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        watchers.clear();
        thread.shutdownNow();
    }
}
