package io.callcontrol.schedule;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.StatusChange;
import io.callcontrol.config.ScheduleConfig;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.schedule.ScheduleRecord.State;
import io.callcontrol.storage.DuplicateExternalKeyException;
import io.callcontrol.storage.History;
import io.callcontrol.storage.Page;
import io.callcontrol.storage.ScheduleStore;
import io.callcontrol.storage.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled calls: their requests (schedule, cancel, look up), and the thread ({@code call-scheduler}) that hands
 * due attempts and ended calls to {@link Attempts}, while this daemon leads. The store is the only state, so a new
 * scheduler over the same store carries on where the last one stopped.
 */
public final class CallScheduler implements Schedules, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallScheduler.class);
    /** How long makeCall and cancelCall wait for the store; past it nothing is written. */
    private static final Duration STORE_TIMEOUT = ScheduleWrites.STORE_TIMEOUT;
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
    private final Attempts attempts;
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
        this.attempts = new Attempts(config, store, history, dialer, asteriskConnected, clock);
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
            created = ScheduleWrites.await(store.create(draft, STORE_TIMEOUT));
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
            after = ScheduleWrites.await(store.update(scheduleId, r -> ScheduleRules.cancelled(r, now), STORE_TIMEOUT));
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
                attempts.ended(e.call(), e.end(), e.at());
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
            waitingForAsterisk |= !attempts.place(r);
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
        attempts.recover();
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
