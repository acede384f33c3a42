package io.callcontrol.schedule;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.StatusChange;
import io.callcontrol.config.ScheduleConfig;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.schedule.ScheduleRecord.State;
import io.callcontrol.storage.History;
import io.callcontrol.storage.ScheduleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schedule's attempts: each placed through the same {@link Dialer} as makeCall when due, the next one planned when
 * one ends, and what a stopped daemon left half done settled. Runs on the scheduler's thread only.
 */
final class Attempts {

    private static final Logger log = LoggerFactory.getLogger(CallScheduler.class);

    private final ScheduleConfig config;
    private final ScheduleStore store;
    private final ScheduleWrites writes;
    private final History history;
    private final Dialer dialer;
    private final BooleanSupplier asteriskConnected;
    private final Clock clock;

    Attempts(ScheduleConfig config, ScheduleStore store, History history, Dialer dialer,
            BooleanSupplier asteriskConnected, Clock clock) {
        this.config = config;
        this.store = store;
        this.writes = new ScheduleWrites(store);
        this.history = history;
        this.dialer = dialer;
        this.asteriskConnected = asteriskConnected;
        this.clock = clock;
    }

    /** After a restart: attempts caught while being placed, and calls that ended while nobody listened. */
    void recover() {
        List<ScheduleRecord> calling = store.calling();
        for (ScheduleRecord r : calling) {
            String key = ScheduleRules.currentKey(r);
            OptionalLong callId = store.callOfExternalKey(key);
            if (callId.isEmpty()) {
                writes.change(r.scheduleId(), s -> ScheduleRules.interrupted(s, key, clock.instant()));
                continue;
            }
            CallRecord call = history.call(callId.getAsLong()).orElseThrow();
            writes.attach(r.scheduleId(), r.attempt(), call.callId(),
                    s -> ScheduleRules.placed(s, key, call.callId()));
            if (call.endedAt() != null) {
                ended(call, new StatusChange(call.status(), ""), call.endedAt());
            }
        }
        if (!calling.isEmpty()) {
            log.info("scheduler: {} scheduled calls were calling when the daemon stopped", calling.size());
        }
    }

    /** Places a due attempt, or moves it to the next opening; false when it has to wait for Asterisk. */
    boolean place(ScheduleRecord due) {
        Instant now = clock.instant();
        Instant open = ScheduleRules.hours(due).nextOpen(now, ScheduleRules.zone(due));
        if (open.isAfter(now)) {
            log.info("scheduled call {}: {}", due.scheduleId(),
                    writes.change(due.scheduleId(), s -> ScheduleRules.moved(s, due.nextAt(), open)).detail());
            return true;
        }
        if (!asteriskConnected.getAsBoolean()) {
            writes.change(due.scheduleId(), s -> ScheduleRules.waiting(s, due.nextAt(),
                    "waiting for Asterisk (AMI not connected)"));
            return false;
        }
        ScheduleRecord claimed = writes.change(due.scheduleId(), s -> ScheduleRules.claimed(s, due.nextAt()));
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
            writes.attach(scheduleId, attempt, call.callId(), s -> ScheduleRules.placed(s, key, call.callId()));
        } catch (CallRefusedException e) {
            switch (e.reason()) {
                case DUPLICATE_EXTERNAL_KEY -> { // placed before a crash: that call is the attempt
                    long callId = store.callOfExternalKey(key).orElseThrow();
                    writes.attach(scheduleId, attempt, callId, s -> ScheduleRules.placed(s, key, callId));
                }
                case ASTERISK_UNAVAILABLE, STORE_UNAVAILABLE -> notPlaced(claimed, key, e.getMessage());
                default -> log.error("scheduled call {}: {}", scheduleId,
                        writes.change(scheduleId, s -> ScheduleRules.failed(s, key, e.getMessage())).detail());
            }
        } catch (RuntimeException e) {
            log.error("scheduled call {}: placing attempt {} failed", scheduleId, attempt, e);
            notPlaced(claimed, key, e.toString());
        }
        return true;
    }

    /** An attempt's call ended {@code at}: the schedule plans its next attempt or ends. */
    void ended(CallRecord call, StatusChange end, Instant at) {
        AttemptKeys.Key key = AttemptKeys.parse(call.externalKey());
        AtomicBoolean moved = new AtomicBoolean();
        ScheduleRecord r = writes.attach(key.scheduleId(), key.attempt(), call.callId(), s -> {
            ScheduleRecord next = ScheduleRules.ended(s, call.externalKey(), call.callId(), end.status(), at,
                    config.intervalUnit());
            moved.set(next != s);
            return next;
        });
        if (moved.get()) {
            log.info("scheduled call {}: {}", r.scheduleId(), r.detail());
        }
    }

    /** The attempt did not reach Asterisk: it is tried again later; a call recorded for it stays in its history. */
    private void notPlaced(ScheduleRecord claimed, String key, String why) {
        Instant retryAt = clock.instant().plus(config.unavailableRetry());
        OptionalLong recorded = store.callOfExternalKey(key);
        UnaryOperator<ScheduleRecord> again = s -> ScheduleRules.notPlaced(s, key, recorded.isPresent(), why, retryAt);
        ScheduleRecord r = recorded.isPresent()
                ? writes.attach(claimed.scheduleId(), claimed.attempt(), recorded.getAsLong(), again)
                : writes.change(claimed.scheduleId(), again);
        log.warn("scheduled call {}: {}", claimed.scheduleId(), r.detail());
    }
}
