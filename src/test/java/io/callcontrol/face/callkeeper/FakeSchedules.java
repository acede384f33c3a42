package io.callcontrol.face.callkeeper;

import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.schedule.CancelRefusedException;
import io.callcontrol.schedule.ScheduleRecord;
import io.callcontrol.schedule.ScheduleRequest;
import io.callcontrol.schedule.Schedules;
import io.callcontrol.storage.Page;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The scheduler as the face sees it, in memory: what it was asked to schedule, validated by the schedule's rules. */
final class FakeSchedules implements Schedules {

    /** What one schedule call was given. */
    record Asked(CallRequest call, String timeToCall, String interval, String hours, String tz) {
    }

    final List<Asked> asked = new ArrayList<>();
    final Map<Long, ScheduleRecord> records = new TreeMap<>();
    private final Clock clock;
    private long nextId = 2366;
    /** When set, the n-th schedule (from 1) is refused as the store being unavailable. */
    int refuseNth;

    FakeSchedules(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized ScheduleRecord schedule(CallRequest call, String timeToCall, String interval, String hours,
            String tz) throws CallRefusedException {
        ScheduleRequest when = ScheduleRequest.of(timeToCall, interval, hours, tz, ZoneOffset.UTC, clock.instant());
        asked.add(new Asked(call, timeToCall, interval, hours, tz));
        if (asked.size() == refuseNth) {
            throw new CallRefusedException(CallRefusedException.Reason.STORE_UNAVAILABLE, null, "store unavailable");
        }
        ScheduleRecord record = new ScheduleRecord(nextId++, call.externalKey(), call.orderId(), call.sip(),
                call.phone(), call.first(), when.timeToCall(), interval == null ? "" : interval,
                hours == null ? "" : hours, tz == null ? "" : tz, ScheduleRecord.State.SCHEDULED, 1, 0,
                when.firstAttemptAt(clock.instant()), null, "scheduled", clock.instant(), clock.instant(), List.of());
        records.put(record.scheduleId(), record);
        return record;
    }

    /** Replaces a schedule, as the scheduler moves it on. */
    synchronized void put(ScheduleRecord record) {
        records.put(record.scheduleId(), record);
    }

    @Override
    public ScheduleRecord cancel(long scheduleId) throws CancelRefusedException {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized Optional<ScheduleRecord> byId(long scheduleId) {
        return Optional.ofNullable(records.get(scheduleId));
    }

    @Override
    public Optional<ScheduleRecord> byExternalKey(String externalKey) {
        return Optional.empty();
    }

    @Override
    public Optional<ScheduleRecord> byCallId(long callId) {
        return Optional.empty();
    }

    @Override
    public synchronized Page<ScheduleRecord> list(String orderId, Set<ScheduleRecord.State> states, int page,
            int perPage) {
        List<ScheduleRecord> all = records.values().stream().filter(r -> orderId == null || orderId.equals(r.orderId()))
                .sorted(Comparator.comparing(ScheduleRecord::scheduleId).reversed()).toList();
        int from = Math.min(all.size(), (page - 1) * perPage);
        return new Page<>(all.subList(from, Math.min(all.size(), from + perPage)), page, perPage, all.size());
    }
}
