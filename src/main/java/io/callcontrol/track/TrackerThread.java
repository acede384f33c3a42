package io.callcontrol.track;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.ChannelFact;
import io.callcontrol.call.Fact;
import io.callcontrol.call.StatusChange;
import io.callcontrol.inbound.InboundCalls;
import io.callcontrol.inbound.OperatorLegFact;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.recording.RecordingKeeper;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.InboundStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread where calls change state ("call-tracker"). Protocol threads only queue facts here (never blocking
 * them); this thread hands each to the calls it concerns: those the daemon placed ({@link PlacedCalls}, through the
 * pure {@link io.callcontrol.call.CallTracker}) or those it did not ({@link InboundCalls}), and keeps the operators'
 * presence.
 */
public final class TrackerThread implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackerThread.class);

    /** A call being released: the one to hang up, and the status it had when the CRM asked. */
    public record Releasing(CallRecord call, CallStatus status) {
    }

    private static final Object STOP = new Object();
    /** How long a dialplan hook's fact waits for AMI's own account of the same moment. */
    static final Duration DIALPLAN_GRACE = Duration.ofSeconds(3);
    /**
     * How long an unclear OriginateResponse waits for the originated channel's own events (a Newchannel, the Hangup
     * and its cause). Asterisk queues those on its message bus, which lags behind the OriginateResponse under load;
     * seconds, not the milliseconds of an idle system, are what such a lag can reach.
     */
    public static final Duration VERDICT_WAIT = Duration.ofSeconds(5);

    private final CallStore store;
    private final BlockingQueue<Object> queue;
    /** The calls the daemon placed. */
    private final PlacedCalls placed;
    /** The calls that reach an operator without the daemon having placed them. */
    private final InboundCalls inbound;
    private final TrackerWork work;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    /** The facts that wait their turn (a dialplan hook's grace, a verdict's wait); its thread starts in start(). */
    private final ScheduledThreadPoolExecutor delayed = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "tracker-delay");
        t.setDaemon(true);
        return t;
    });
    private final Duration verdictWait;
    private volatile boolean closed;

    public TrackerThread(CallStore store, RecordingKeeper recordings, int capacity, Metrics metrics) {
        this(store, recordings, capacity, metrics, VERDICT_WAIT);
    }

    /** @param verdictWait how long an unclear OriginateResponse waits for the channel's hangup cause */
    TrackerThread(CallStore store, RecordingKeeper recordings, int capacity, Metrics metrics, Duration verdictWait) {
        this.verdictWait = verdictWait;
        this.store = store;
        this.placed = new PlacedCalls(store, recordings, metrics, this::awaitVerdict);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.inbound = new InboundCalls(new InboundStore(store));
        this.work = new TrackerWork(placed, inbound, store);
        this.thread = new Thread(this::loop, "call-tracker");
    }

    /** Starts following the calls that were in progress when the daemon last stopped. */
    public void start(List<CallRecord> inProgress) {
        placed.resume(inProgress);
        inbound.resume(inProgress);
        delayed.prestartCoreThread();
        thread.start();
        log.info("tracker: following {} calls still in progress", inProgress.size());
    }

    /**
     * Starts following the calls in progress of a daemon that is gone, as if resumed at a start: the next
     * {@link #reconcile} settles them by Asterisk's channels.
     */
    public void adopt(List<CallRecord> calls) {
        put(new TrackerWork.Adopt(List.copyOf(calls)));
    }

    /** Told of each call's terminal status on the tracker thread, as it goes to the store: must not block. */
    public void onCallEnded(BiConsumer<CallRecord, StatusChange> listener) {
        placed.onEnded(listener);
    }

    /**
     * Told, on the tracker thread, of each call resumed after a restart whose Originate never went out (it is still
     * at CALL and Asterisk has no channel of it): the listener sends it now. Must not block.
     */
    public void onNotSent(Consumer<CallRecord> listener) {
        placed.onNotSent(listener);
    }

    /** A new call: queued before its Originate is sent, so it is known before any of its facts. */
    public void track(CallRecord call) {
        put(new TrackerWork.Track(call));
    }

    /**
     * Queues a fact AMI told without blocking; a full queue drops it, counted and logged. It is applied only if its
     * channel id is its call's own: one with another token changes nothing and is counted.
     */
    public boolean offer(ChannelFact fact) {
        return enqueue(fact);
    }

    /**
     * As {@link #offer(ChannelFact)}, for a fact told by the link of one of several Asterisk servers: it changes a
     * call only when {@code placedThere} says the call was placed on that server.
     */
    public boolean offer(ChannelFact fact, Predicate<CallRecord> placedThere) {
        return enqueue(new TrackerWork.ServerFact(fact, placedThere));
    }

    /** The call's Originate was written to AMI at {@code at}; until then a reconcile does not miss its channel. */
    public void originateSent(long callId, Instant at) {
        put(new TrackerWork.Sent(callId, at));
    }

    /** Queues a fact about a call the daemon did not place, as AMI's own calls' facts are. */
    public boolean offer(OperatorLegFact fact) {
        return enqueue(fact);
    }

    /** Queues a fact the daemon itself knows (its Originate failed, a release was not done), as AMI's are. */
    public boolean offer(Fact fact) {
        return enqueue(fact);
    }

    private boolean enqueue(Object fact) {
        if (queue.offer(fact)) {
            return true;
        }
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 1_000 == 0) {
            // the channel id stays out of the log: its token is what authenticates the dialplan's hooks
            log.error("tracker: queue full, {} facts dropped so far (latest {})", n,
                    fact instanceof ChannelFact told ? told.fact() : fact);
        }
        return false;
    }

    /**
     * A fact from the dialplan's hooks (FastAGI), whose channel id the FastAGI server checked already. It repeats what AMI reports, but can overtake AMI events that
     * lag behind under load; applied at once it would close or advance a call before its earlier statuses
     * arrived. So it waits {@link #DIALPLAN_GRACE} and then counts only for what AMI did not tell meanwhile.
     */
    public void offerFromDialplan(Fact fact) {
        if (!closed) {
            delayed.schedule(() -> offer(fact), DIALPLAN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public void presence(String sip, OperatorStatus status, String deviceState) {
        if (!queue.offer(new TrackerWork.Presence(sip, status, deviceState))) {
            log.warn("tracker: queue full, presence of {} ({}) not recorded", sip, deviceState);
        }
    }

    /**
     * After a (re)connect: every call followed whose channel Asterisk no longer has, and that is older than the
     * Originate's own latency, ended unseen and is closed with {@link Fact.CallLost}.
     */
    public void reconcile(Set<String> liveChannelIds, Instant asOf, String why) {
        reconcile(liveChannelIds, asOf, why, sip -> true);
    }

    /**
     * As {@link #reconcile(Set, Instant, String)} for the channels of one of several Asterisk servers: only the calls
     * of the operators it serves ({@code onServer}, by sip) are settled, outbound and inbound; the other servers' calls
     * are left alone.
     */
    public void reconcile(Set<String> liveChannelIds, Instant asOf, String why, Predicate<String> onServer) {
        put(new TrackerWork.Reconcile(Set.copyOf(liveChannelIds), asOf, why, onServer));
    }

    /**
     * Marks a call in progress as released, so that the end its hangup brings is recorded as the release. Answers
     * the call and where it stood, or empty when no such call is in progress (unknown, or ended already). Queued
     * behind the facts already waiting, so the answer is as current as the tracker.
     */
    public CompletableFuture<Optional<Releasing>> release(long callId) {
        CompletableFuture<Optional<Releasing>> answer = new CompletableFuture<>();
        put(new TrackerWork.Release(callId, answer));
        return answer;
    }

    public long droppedFacts() {
        return dropped.get();
    }

    public int backlog() {
        return queue.size();
    }

    /** Calls followed that have not ended. */
    public int callsInProgress() {
        return placed.size() + inbound.size();
    }

    private void put(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing " + item, e);
        }
    }

    private void loop() {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                continue;
            }
            if (item == STOP) {
                return;
            }
            try {
                work.handle(item);
            } catch (RuntimeException e) {
                log.error("tracker: failed on {}", item, e);
            }
        }
    }

    /** The tracker holds an unclear OriginateResponse back: it decides after the wait, unless the cause came. */
    private void awaitVerdict(long callId) {
        if (!closed) {
            delayed.schedule(() -> offer(new Fact.VerdictDue(callId, verdictWait.toMillis())), verdictWait.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Handles what is queued, then stops; bounded, idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        delayed.shutdownNow();
        if (!thread.isAlive()) {
            return;
        }
        try {
            queue.put(STOP);
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("tracker: did not drain in 10 s; {} facts left", queue.size());
        }
    }
}
