package io.callcontrol.schedule;

import io.callcontrol.call.CallStatus;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.schedule.ScheduleRecord.State;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * How a schedule moves on, as pure functions of its stored state: no I/O, no clock. The store applies each inside
 * one write, so each sees the schedule as it is, not as it was when the scheduler decided to act; a function that
 * finds the schedule moved on already returns it unchanged.
 */
final class ScheduleRules {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private ScheduleRules() {
    }

    /** A new schedule, its first attempt due at {@code firstAt}. */
    static ScheduleRecord draft(CallRequest call, ScheduleRequest when, Instant firstAt, Instant now) {
        return new ScheduleRecord(0, call.externalKey(), call.orderId(), call.sip(), call.phone(), call.first(),
                when.timeToCall(), when.retries().text(), when.hours().text(), when.zone().getId(), State.SCHEDULED, 1,
                0, firstAt, null,
                "attempt 1 due at " + time(firstAt, when.zone()), now, now, List.of());
    }

    /** The attempt due at {@code due} falls outside opening hours: it waits for {@code open}. */
    static ScheduleRecord moved(ScheduleRecord r, Instant due, Instant open) {
        if (r.state() != State.SCHEDULED || !due.equals(r.nextAt())) {
            return r;
        }
        return r.with(State.SCHEDULED, r.attempt(), r.tries(), open, r.callId(), "attempt " + r.attempt()
                + " was due at " + time(due, r) + ", outside opening hours; moved to " + time(open, r));
    }

    /** The attempt is due but cannot be placed now ({@code why}); it stays due. */
    static ScheduleRecord waiting(ScheduleRecord r, Instant due, String why) {
        if (r.state() != State.SCHEDULED || !due.equals(r.nextAt())) {
            return r;
        }
        return r.with(State.SCHEDULED, r.attempt(), r.tries(), due, r.callId(), "attempt " + r.attempt() + " due at "
                + time(due, r) + ": " + why);
    }

    /** The scheduler takes the due attempt to place it: nobody can cancel it as not yet started any more. */
    static ScheduleRecord claimed(ScheduleRecord r, Instant due) {
        if (r.state() != State.SCHEDULED || !due.equals(r.nextAt())) {
            return r;
        }
        return r.with(State.CALLING, r.attempt(), r.tries() + 1, null, r.callId(), "placing attempt " + r.attempt());
    }

    /** The attempt's call exists: {@code callId}. A schedule cancelled meanwhile stays cancelled. */
    static ScheduleRecord placed(ScheduleRecord r, String key, long callId) {
        if (!placing(r, key)) {
            return r;
        }
        String detail = r.state() == State.CALLING ? "attempt " + r.attempt() + " placed as call " + callId : r.detail();
        return r.with(r.state(), r.attempt(), r.tries(), null, callId, detail);
    }

    /**
     * The attempt did not reach Asterisk ({@code why}) and is tried again at {@code retryAt}. When a call was
     * recorded for it (its Originate failed on the way), the next try needs a key of its own.
     */
    static ScheduleRecord notPlaced(ScheduleRecord r, String key, boolean callRecorded, String why, Instant retryAt) {
        if (r.state() != State.CALLING || !key.equals(currentKey(r))) {
            return r;
        }
        return r.with(State.SCHEDULED, r.attempt(), callRecorded ? r.tries() : r.tries() - 1, retryAt, r.callId(),
                "attempt " + r.attempt() + " not placed: " + why + "; trying again at " + time(retryAt, r));
    }

    /** The attempt cannot be placed at all ({@code why}): nothing more will be tried. */
    static ScheduleRecord failed(ScheduleRecord r, String key, String why) {
        if (r.state() != State.CALLING || !key.equals(currentKey(r))) {
            return r;
        }
        return r.with(State.DONE, r.attempt(), r.tries(), null, r.callId(),
                "attempt " + r.attempt() + " could not be placed: " + why);
    }

    /**
     * The call with {@code key} ended with {@code status} at {@code endedAt}: the next attempt is due after its
     * interval (one minute lasting {@code minute}), within opening hours, or the schedule is done. Only the end of
     * the running attempt's call counts.
     */
    static ScheduleRecord ended(ScheduleRecord r, String key, long callId, CallStatus status, Instant endedAt,
            Duration minute) {
        if (r.state() != State.CALLING || !key.equals(currentKey(r))) {
            return r;
        }
        String ended = "attempt " + r.attempt() + " (call " + callId + ") ended " + status;
        Instant retryAt = plan(r).retryAt(r.attempt(), status, endedAt, minute);
        if (retryAt == null) {
            boolean retriesUsedUp = RetryPlan.RETRIED.contains(status) && r.attempt() > 1;
            return r.with(State.DONE, r.attempt(), r.tries(), null, callId,
                    retriesUsedUp ? ended + "; no retry left" : ended);
        }
        Instant next = hours(r).nextOpen(retryAt, zone(r));
        return r.with(State.SCHEDULED, r.attempt() + 1, 0, next, callId,
                ended + "; attempt " + (r.attempt() + 1) + " due at " + time(next, r));
    }

    /** A daemon stopped while placing the attempt, and no call was made: it is placed again at {@code now}. */
    static ScheduleRecord interrupted(ScheduleRecord r, String key, Instant now) {
        if (r.state() != State.CALLING || !key.equals(currentKey(r)) || r.tries() < 1) {
            return r;
        }
        return r.with(State.SCHEDULED, r.attempt(), r.tries() - 1, now, r.callId(),
                "attempt " + r.attempt() + " was being placed when the daemon stopped; placing it again");
    }

    /**
     * Cancelled at {@code now}: before an attempt, or during one that is not the last (its call goes on, none
     * follows). A schedule done, or whose last attempt started, is returned unchanged: see {@link #whyNotCancelled}.
     */
    static ScheduleRecord cancelled(ScheduleRecord r, Instant now) {
        String at = "cancelled at " + time(now, r);
        if (r.state() == State.SCHEDULED) {
            return r.with(State.CANCELLED, r.attempt(), r.tries(), null, r.callId(), at + " before attempt " + r.attempt());
        }
        if (r.state() == State.CALLING && r.attempt() < plan(r).attempts()) {
            String call = r.callId() == null ? "" : " (call " + r.callId() + " goes on)";
            return r.with(State.CANCELLED, r.attempt(), r.tries(), null, r.callId(),
                    at + " during attempt " + r.attempt() + call + "; no further attempt");
        }
        return r;
    }

    /** Why {@link #cancelled} left the schedule as it was. */
    static String whyNotCancelled(ScheduleRecord r) {
        if (r.state() == State.DONE) {
            return "scheduled call " + r.scheduleId() + " is done (" + r.detail() + "); nothing is left to cancel";
        }
        String call = r.callId() == null ? "" : " as call " + r.callId();
        return "the last attempt (" + r.attempt() + " of " + plan(r).attempts() + ") of scheduled call "
                + r.scheduleId() + " has started" + call + "; nothing is left to cancel";
    }

    /** The key of the running attempt's latest placement. */
    static String currentKey(ScheduleRecord r) {
        return AttemptKeys.of(r.scheduleId(), r.attempt(), r.tries());
    }

    static RetryPlan plan(ScheduleRecord r) {
        return RetryPlan.parse(r.interval());
    }

    static OpeningHours hours(ScheduleRecord r) {
        return OpeningHours.parse(r.hours());
    }

    static ZoneId zone(ScheduleRecord r) {
        return ZoneId.of(r.timeZone());
    }

    private static boolean placing(ScheduleRecord r, String key) {
        boolean running = r.state() == State.CALLING || r.state() == State.CANCELLED;
        return running && key.equals(currentKey(r));
    }

    private static String time(Instant at, ScheduleRecord r) {
        return time(at, zone(r));
    }

    /** ISO 8601 with the zone's offset, to the second. */
    static String time(Instant at, ZoneId zone) {
        return SECONDS.withZone(zone).format(at);
    }
}
