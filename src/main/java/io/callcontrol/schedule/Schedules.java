package io.callcontrol.schedule;

import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.storage.Page;
import java.util.Optional;
import java.util.Set;

/** Scheduled calls, as the HTTP API asks for them. Every method runs JDBC: never call it on an event loop. */
public interface Schedules {

    /**
     * Validates the scheduling parameters as the CRM sent them (null: absent; see {@link ScheduleRequest}) and
     * stores the scheduled call, durable when this returns; its attempts are placed when due.
     *
     * @throws CallRefusedException naming the bad parameter, when the external_key was used before (by a call or a
     *                              schedule), or when the store could not take it
     */
    ScheduleRecord schedule(CallRequest call, String timeToCall, String interval, String hours, String tz)
            throws CallRefusedException;

    /** Cancels an existing schedule's attempts not yet started; cancelling it again answers the same. */
    ScheduleRecord cancel(long scheduleId) throws CancelRefusedException;

    Optional<ScheduleRecord> byId(long scheduleId);

    Optional<ScheduleRecord> byExternalKey(String externalKey);

    /** The schedule a call was placed for as one of its attempts. */
    Optional<ScheduleRecord> byCallId(long callId);

    /** Schedules newest first, of one order (null: all), in some states (empty: all). */
    Page<ScheduleRecord> list(String orderId, Set<ScheduleRecord.State> states, int page, int perPage);
}
