package io.callcontrol.schedule;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import java.time.Instant;
import java.util.List;

/**
 * A scheduled call as stored: what the CRM asked for, the plan (retry intervals, opening hours and their zone, as
 * given; "" when none), and where it stands.
 *
 * @param first    the party each attempt rings first
 * @param attempt  the attempt due (SCHEDULED) or running (CALLING), from 1; the last one made once it has ended
 * @param tries    how many times that attempt was placed (more than once only when its Originate never left)
 * @param nextAt   when the due attempt is to be placed; null unless SCHEDULED
 * @param callId   the call of the latest placement, or null before the first
 * @param detail   what happened last, in words
 * @param attempts the calls placed so far, oldest first
 */
public record ScheduleRecord(
        long scheduleId,
        String externalKey,
        String orderId,
        String sip,
        String phone,
        FirstParty first,
        Instant timeToCall,
        String interval,
        String hours,
        String timeZone,
        State state,
        int attempt,
        int tries,
        Instant nextAt,
        Long callId,
        String detail,
        Instant createdAt,
        Instant updatedAt,
        List<Attempt> attempts) {

    /** Where a schedule stands; the API shows these names. */
    public enum State {
        /** Waiting for its next attempt's time. */
        SCHEDULED,
        /** An attempt's call is running. */
        CALLING,
        /** No attempt left: answered, ended otherwise, or retries used up. */
        DONE,
        /** Cancelled by the CRM: no attempt after that (one already running goes on). */
        CANCELLED
    }

    /** One call placed for the schedule. */
    public record Attempt(int attempt, long callId, String externalKey, CallStatus status, Instant createdAt,
                          Instant endedAt) {
    }

    public ScheduleRecord {
        attempts = List.copyOf(attempts);
    }

    /** The same schedule, moved on. */
    public ScheduleRecord with(State state, int attempt, int tries, Instant nextAt, Long callId, String detail) {
        return new ScheduleRecord(scheduleId, externalKey, orderId, sip, phone, first, timeToCall, interval, hours,
                timeZone, state, attempt, tries, nextAt, callId, detail, createdAt, updatedAt, attempts);
    }

    public ScheduleRecord withAttempts(List<Attempt> calls) {
        return new ScheduleRecord(scheduleId, externalKey, orderId, sip, phone, first, timeToCall, interval, hours,
                timeZone, state, attempt, tries, nextAt, callId, detail, createdAt, updatedAt, calls);
    }
}
