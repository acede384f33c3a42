package io.callcontrol.schedule;

import io.callcontrol.call.StatusChange;
import io.callcontrol.config.ScheduleConfig;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.storage.CallRecord;
import io.callcontrol.storage.DuplicateExternalKeyException;
import io.callcontrol.storage.Commits;
import io.callcontrol.storage.History;
import io.callcontrol.storage.Page;
import io.callcontrol.storage.ScheduleRecord;
import io.callcontrol.storage.ScheduleRecord.State;
import io.callcontrol.storage.ScheduleStore;
import io.callcontrol.storage.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places the attempts of scheduled calls when they are due, through the same {@link Dialer} as makeCall, and
 * plans the next attempt when one ends. One thread does it all ({@code call-scheduler}); the store is the only
 * state, so a new scheduler over the same store carries on where the last one stopped.
 */
public final class CallScheduler implements Schedules, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallScheduler.class);
    /** How long makeCall and cancelCall wait for the store; past it nothing is written. */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);
    /** The store is read again at least this often, whatever is known to be due. */
    private static final Duration IDLE_CHECK = Duration.ofMinutes(1);
    /** How soon a due attempt is looked at again while Asterisk is not connected. */
    private static final Duration ASTERISK_CHECK = Duration.ofSeconds(1);
    private static final int BATCH = 100;

    /** A call's end, as the tracker reported it. */
    private record Ended(CallRecord call, StatusChange end, Instant at) {
    }

    private final ScheduleConfig config;
    private final ScheduleStore store;
    private final History history;
    private final Dialer dialer;
    private final BooleanSupplier asteriskConnected;
    private final BooleanSupplier leading;
    /** Whether this scheduler led at its last round; the loop's thread only (and start, before the loop). */
    private boolean led;
    private final Clock clock;
    private final Queue<Ended> ended = new ConcurrentLinkedQueue<>();
    private final Object wake = new Object();
    private final Thread thread = new Thread(this::loop, "call-scheduler");
    private boolean woken;
    private volatile boolean closed;

    public CallScheduler(ScheduleConfig config, ScheduleStore store, History history, Dialer dialer,
            BooleanSupplier asteriskConnected, Clock clock) {
        this(config, store, history, dialer, asteriskConnected, () -> true, clock);
    }

    /**
     * @param leading whether this daemon leads the daemons on its store: only the leader places attempts (and
     *                settles what a stopped leader left half done); every daemon schedules, cancels and lists
     */
    public CallScheduler(ScheduleConfig config, ScheduleStore store, History history, Dialer dialer,
            BooleanSupplier asteriskConnected, BooleanSupplier leading, Clock clock) {
        this.leading = leading;
        this.config = config;
        this.store = store;
        this.history = history;
        this.dialer = dialer;
        this.asteriskConnected = asteriskConnected;
        this.clock = clock;
    }

    /** Settles what a previous run left half done, then starts placing due attempts. */
    public void start() {
        if (leading.getAsBoolean()) {
            recover();
            led = true;
        }
        thread.start();
    }

    /** The daemon became, or stopped being, the leader: the loop looks at once. */
    public void leadershipChanged() {
        wake();
    }

    @Override
    public ScheduleRecord schedule(CallRequest call, String timeToCall, String interval, String hours, String tz)
            throws CallRefusedException {
        Instant now = clock.instant();
        ScheduleRequest when = ScheduleRequest.of(timeToCall, interval, hours, tz, config.timeZone(), now);
        ScheduleRecord draft = ScheduleRules.draft(call, when, when.firstAttemptAt(now), now);
        ScheduleRecord created;
        try {
            created = await(store.create(draft, STORE_TIMEOUT));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DuplicateExternalKeyException
                    || e.getCause() instanceof ScheduleStore.ExternalKeyScheduledException) {
                throw new CallRefusedException(CallRefusedException.Reason.DUPLICATE_EXTERNAL_KEY, "external_key",
                        "external_key: " + e.getCause().getMessage() + "; nothing was scheduled");
            }
            throw new CallRefusedException(CallRefusedException.Reason.STORE_UNAVAILABLE,
                    "the scheduled call could not be stored: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new CallRefusedException(CallRefusedException.Reason.STORE_UNAVAILABLE,
                    "the store did not answer in " + STORE_TIMEOUT.toSeconds() + " s; nothing was scheduled", e);
        }
        log.info("scheduled call {} (order {}): {}, {} attempts at most", created.scheduleId(), created.orderId(),
                created.detail(), ScheduleRules.plan(created).attempts());
        wake();
        return created;
    }

    @Override
    public ScheduleRecord cancel(long scheduleId) throws CancelRefusedException {
        Instant now = clock.instant();
        ScheduleRecord after;
        try {
            after = await(store.update(scheduleId, r -> ScheduleRules.cancelled(r, now), STORE_TIMEOUT));
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreException("cannot cancel scheduled call " + scheduleId + ": " + e.getMessage(), e);
        }
        if (after.state() != State.CANCELLED) {
            throw new CancelRefusedException(ScheduleRules.whyNotCancelled(after));
        }
        log.info("scheduled call {}: {}", scheduleId, after.detail());
        return after;
    }

    @Override
    public Optional<ScheduleRecord> byId(long scheduleId) {
        return store.byId(scheduleId);
    }

    @Override
    public Optional<ScheduleRecord> byExternalKey(String externalKey) {
        return store.byExternalKey(externalKey);
    }

    @Override
    public Optional<ScheduleRecord> byCallId(long callId) {
        return store.byCallId(callId);
    }

    @Override
    public Page<ScheduleRecord> list(String orderId, Set<State> states, int page, int perPage) {
        return store.list(orderId, states, page, perPage);
    }

    /**
     * The tracker's word that a call ended (on its thread: only queues). Calls that are no schedule's attempt are
     * ignored at once.
     */
    public void callEnded(CallRecord call, StatusChange end) {
        if (AttemptKeys.parse(call.externalKey()) != null) {
            ended.add(new Ended(call, end, clock.instant()));
            wake();
        }
    }

    /**
     * One round: handles the calls that ended, then places (or moves) what is due.
     *
     * @return when the next round is due: the earliest next attempt, or sooner when something is waiting
     */
    Instant runOnce() {
        for (Ended e; (e = ended.poll()) != null; ) {
            try {
                afterCall(e.call(), e.end(), e.at());
            } catch (RuntimeException failure) {
                ended.add(e); // the store failed: the next round tries again
                throw failure;
            }
        }
        Instant now = clock.instant();
        if (!leading.getAsBoolean()) {
            led = false;
            return now.plus(IDLE_CHECK);
        }
        if (!led) {
            recover(); // what the last leader left half done
            led = true;
        }
        List<ScheduleRecord> due = store.due(now, BATCH);
        boolean waitingForAsterisk = false;
        for (ScheduleRecord r : due) {
            waitingForAsterisk |= !place(r);
        }
        if (due.size() == BATCH) {
            return now;
        }
        if (waitingForAsterisk) {
            return now.plus(ASTERISK_CHECK);
        }
        return store.nextDue().orElse(now.plus(IDLE_CHECK));
    }

    /** After a restart: attempts caught while being placed, and calls that ended while nobody listened. */
    void recover() {
        List<ScheduleRecord> calling = store.calling();
        for (ScheduleRecord r : calling) {
            String key = ScheduleRules.currentKey(r);
            OptionalLong callId = store.callOfExternalKey(key);
            if (callId.isEmpty()) {
                change(r.scheduleId(), s -> ScheduleRules.interrupted(s, key, clock.instant()));
                continue;
            }
            CallRecord call = history.call(callId.getAsLong()).orElseThrow();
            attach(r.scheduleId(), r.attempt(), call.callId(), s -> ScheduleRules.placed(s, key, call.callId()));
            if (call.endedAt() != null) {
                afterCall(call, new StatusChange(call.status(), ""), call.endedAt());
            }
        }
        if (!calling.isEmpty()) {
            log.info("scheduler: {} scheduled calls were calling when the daemon stopped", calling.size());
        }
    }

    /** Places a due attempt, or moves it to the next opening; false when it has to wait for Asterisk. */
    private boolean place(ScheduleRecord due) {
        Instant now = clock.instant();
        Instant open = ScheduleRules.hours(due).nextOpen(now, ScheduleRules.zone(due));
        if (open.isAfter(now)) {
            log.info("scheduled call {}: {}", due.scheduleId(),
                    change(due.scheduleId(), s -> ScheduleRules.moved(s, due.nextAt(), open)).detail());
            return true;
        }
        if (!asteriskConnected.getAsBoolean()) {
            change(due.scheduleId(), s -> ScheduleRules.waiting(s, due.nextAt(),
                    "waiting for Asterisk (AMI not connected)"));
            return false;
        }
        ScheduleRecord claimed = change(due.scheduleId(), s -> ScheduleRules.claimed(s, due.nextAt()));
        if (claimed.state() != State.CALLING) {
            return true; // cancelled meanwhile
        }
        String key = ScheduleRules.currentKey(claimed);
        long scheduleId = claimed.scheduleId();
        int attempt = claimed.attempt();
        try {
            CallRecord call = dialer.makeCall(new CallRequest(claimed.sip(), claimed.phone(), claimed.orderId(), key,
                    claimed.first()));
            log.info("scheduled call {}: attempt {} placed as call {}", scheduleId, attempt, call.callId());
            attach(scheduleId, attempt, call.callId(), s -> ScheduleRules.placed(s, key, call.callId()));
        } catch (CallRefusedException e) {
            switch (e.reason()) {
                case DUPLICATE_EXTERNAL_KEY -> { // placed before a crash: that call is the attempt
                    long callId = store.callOfExternalKey(key).orElseThrow();
                    attach(scheduleId, attempt, callId, s -> ScheduleRules.placed(s, key, callId));
                }
                case ASTERISK_UNAVAILABLE, STORE_UNAVAILABLE -> notPlaced(claimed, key, e.getMessage());
                default -> log.error("scheduled call {}: {}", scheduleId,
                        change(scheduleId, s -> ScheduleRules.failed(s, key, e.getMessage())).detail());
            }
        } catch (RuntimeException e) {
            log.error("scheduled call {}: placing attempt {} failed", scheduleId, attempt, e);
            notPlaced(claimed, key, e.toString());
        }
        return true;
    }

    /** The attempt did not reach Asterisk: it is tried again later; a call recorded for it stays in its history. */
    private void notPlaced(ScheduleRecord claimed, String key, String why) {
        Instant retryAt = clock.instant().plus(config.unavailableRetry());
        OptionalLong recorded = store.callOfExternalKey(key);
        UnaryOperator<ScheduleRecord> again = s -> ScheduleRules.notPlaced(s, key, recorded.isPresent(), why, retryAt);
        ScheduleRecord r = recorded.isPresent()
                ? attach(claimed.scheduleId(), claimed.attempt(), recorded.getAsLong(), again)
                : change(claimed.scheduleId(), again);
        log.warn("scheduled call {}: {}", claimed.scheduleId(), r.detail());
    }

    private void afterCall(CallRecord call, StatusChange end, Instant at) {
        AttemptKeys.Key key = AttemptKeys.parse(call.externalKey());
        AtomicBoolean moved = new AtomicBoolean();
        ScheduleRecord r = attach(key.scheduleId(), key.attempt(), call.callId(), s -> {
            ScheduleRecord next = ScheduleRules.ended(s, call.externalKey(), call.callId(), end.status(), at,
                    config.intervalUnit());
            moved.set(next != s);
            return next;
        });
        if (moved.get()) {
            log.info("scheduled call {}: {}", r.scheduleId(), r.detail());
        }
    }

    private ScheduleRecord change(long scheduleId, UnaryOperator<ScheduleRecord> change) {
        return written(store.update(scheduleId, change, STORE_TIMEOUT));
    }

    private ScheduleRecord attach(long scheduleId, int attempt, long callId, UnaryOperator<ScheduleRecord> change) {
        return written(store.attach(scheduleId, attempt, callId, change, STORE_TIMEOUT));
    }

    private static ScheduleRecord written(CompletableFuture<ScheduleRecord> write) {
        try {
            return await(write);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreException("the store did not take the schedule's change: " + e.getMessage(), e);
        }
    }

    private static <T> T await(CompletableFuture<T> write) throws ExecutionException, TimeoutException {
        try {
            // past the deadline the writer does not run it, and a wait that gave up withdraws it
            return Commits.await(write, STORE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a schedule", e);
        }
    }

    private void loop() {
        while (!closed) {
            Instant next;
            try {
                next = runOnce();
            } catch (RuntimeException e) {
                log.error("scheduler: {}; trying again in {} s", e.getMessage(), config.unavailableRetry().toSeconds());
                next = clock.instant().plus(config.unavailableRetry());
            }
            sleepUntil(next);
        }
    }

    private void sleepUntil(Instant next) {
        long millis = Math.max(1, Math.min(Duration.between(clock.instant(), next).toMillis(), IDLE_CHECK.toMillis()));
        synchronized (wake) {
            try {
                if (!woken && !closed) {
                    wake.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
            woken = false;
        }
    }

    private void wake() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    /** Stops placing attempts (one being placed is finished); bounded, idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        wake();
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("scheduler: did not stop in 10 s");
        }
    }
}
