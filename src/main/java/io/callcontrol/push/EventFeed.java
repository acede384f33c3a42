package io.callcontrol.push;

import io.callcontrol.storage.EventLog;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live event feed behind the WebSocket: each subscription reads the event log from its own cursor, a batch at a
 * time, and hands what it read to its subscriber. Catching up from a resume cursor and following live events are
 * the same reading, so the switch from one to the other can neither skip nor repeat an event. A subscription reads
 * only while its subscriber takes more ({@link Subscriber#isWritable()}), so a slow consumer holds at most a batch
 * and its connection's buffer, never a growing queue. After each commit of the store one thread wakes every
 * subscription; a few reader threads do the reading.
 */
public final class EventFeed implements AutoCloseable {

    /** Where a subscription's events go. Called on the feed's reader threads, one call at a time per subscription. */
    public interface Subscriber {

        /** False once the subscriber is gone: the subscription then reads no more. */
        boolean isOpen();

        /** Whether it takes more events now; when it does not, reading pauses until {@link Subscription#wake()}. */
        boolean isWritable();

        /** The next events (already filtered by kind), in id order. */
        void send(List<LoggedEvent> events);
    }

    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
    static final int BATCH = 200;
    private static final long RETRY_MILLIS = 1_000;
    private static final long STOP_MILLIS = 2_000;

    private final EventLog events;
    private final Changes changes;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService readers;
    private final Thread waker;
    private final AtomicBoolean closed = new AtomicBoolean();

    public EventFeed(EventLog events, Changes changes, int readerThreads) {
        this.events = events;
        this.changes = changes;
        AtomicInteger n = new AtomicInteger();
        this.readers = new ScheduledThreadPoolExecutor(readerThreads,
                r -> new Thread(r, "event-feed-" + n.incrementAndGet()));
        // the version is read here, not on the waker thread: a commit before that thread first runs must still wake
        long seen = changes.version();
        this.waker = new Thread(() -> wakeOnCommits(seen), "event-feed-waker");
        this.waker.start();
    }

    /**
     * Starts feeding {@code subscriber} the events after {@code afterId} whose kind is in {@code kinds}; a negative
     * {@code afterId} means from the newest event on (live events only).
     */
    public Subscription subscribe(Subscriber subscriber, long afterId, int kinds) {
        return subscribe(subscriber, afterId, FeedFilter.kinds(kinds));
    }

    /** As {@link #subscribe(Subscriber, long, int)}, for the events {@code filter} takes. */
    public Subscription subscribe(Subscriber subscriber, long afterId, FeedFilter filter) {
        Subscription subscription = new Subscription(subscriber, afterId, filter);
        subscriptions.add(subscription);
        subscription.wake();
        return subscription;
    }

    /**
     * The id of the newest event stored now (JDBC: never on an event loop). A page that reads a snapshot after it
     * and subscribes after it misses nothing: what happened meanwhile comes again on the feed.
     */
    public long newestId() {
        return events.newestId();
    }

    /** Open subscriptions now. */
    public int subscriptions() {
        return subscriptions.size();
    }

    /** How far each open subscription has read: the id of the last event read for it. */
    public List<Long> cursors() {
        return subscriptions.stream().map(Subscription::cursor).toList();
    }

    private void wakeOnCommits(long seenAtStart) {
        long seen = seenAtStart;
        while (!closed.get()) {
            long now;
            try {
                now = changes.await(seen, STOP_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (now != seen) {
                seen = now;
                subscriptions.forEach(Subscription::wake);
            }
        }
    }

    /** Stops the waker and the readers, bounded in time; idempotent. Subscribers are not told: their server is. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        waker.interrupt();
        readers.shutdownNow();
        try {
            waker.join(STOP_MILLIS);
            if (!readers.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                log.warn("event feed: readers still busy after {} ms", STOP_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscriptions.clear();
    }

    /** One subscriber's reading: at most one batch in progress at a time, on one of the reader threads. */
    public final class Subscription {

        private final Subscriber subscriber;
        private final FeedFilter filter;
        /** The last event id read for it; negative until the newest id is looked up. */
        private final AtomicLong cursor;
        /** Wakes not yet served; a reading is scheduled while it is above zero. */
        private final AtomicInteger wakes = new AtomicInteger();

        private Subscription(Subscriber subscriber, long afterId, FeedFilter filter) {
            this.subscriber = subscriber;
            this.filter = filter;
            this.cursor = new AtomicLong(afterId);
        }

        /** There may be more to read, or the subscriber takes more again. Never blocks. */
        public void wake() {
            if (wakes.getAndIncrement() == 0) {
                schedule(0);
            }
        }

        /** Reads no more; the subscriber is gone. */
        public void cancel() {
            subscriptions.remove(this);
        }

        /** The id of the last event read for the subscriber (sent, or skipped by the filter). */
        public long cursor() {
            return cursor.get();
        }

        private void schedule(long delayMillis) {
            try {
                readers.schedule(this::read, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // the feed is closing: nothing more is read
            }
        }

        private void read() {
            int served = wakes.get();
            boolean more;
            try {
                more = readBatch();
            } catch (RuntimeException e) {
                log.warn("event feed: cannot read the events after {}: {}; trying again in {} ms", cursor.get(),
                        e.getMessage(), RETRY_MILLIS);
                schedule(RETRY_MILLIS);
                return;
            }
            if (more) {
                schedule(0); // one batch at a time, so the other subscriptions get their turn
            } else if (wakes.addAndGet(-served) != 0) {
                schedule(0);
            }
        }

        /** Reads and sends one batch; true when a whole batch was read and the subscriber takes more. */
        private boolean readBatch() {
            if (!subscriber.isOpen() || !subscriptions.contains(this)) {
                cancel();
                return false;
            }
            if (!subscriber.isWritable()) {
                return false;
            }
            if (cursor.get() < 0) {
                cursor.set(events.newestId());
            }
            List<LoggedEvent> batch = events.after(cursor.get(), BATCH);
            if (batch.isEmpty()) {
                return false;
            }
            List<LoggedEvent> wanted = batch.stream().filter(filter::wants).toList();
            if (!wanted.isEmpty()) {
                subscriber.send(wanted);
            }
            cursor.set(batch.get(batch.size() - 1).id());
            return batch.size() == BATCH && subscriber.isWritable();
        }
    }
}
