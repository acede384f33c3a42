package io.callcontrol.face.callkeeper;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.schedule.ScheduleRecord;
import io.callcontrol.schedule.Schedules;
import io.callcontrol.storage.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The statistics methods over the face's calls (order "callkeeper" of the one scheduler): getCallInfo by id,
 * getCallsInfo within a date range, getCallsCompleted (ended ones), getCallsByStatus (by status pairs). Newest
 * first, at most {@link #MAX_CALLS} an answer.
 */
final class Stats {

    static final int MAX_CALLS = 1000;
    private static final int PAGE = 200;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Keys keys;
    private final Schedules schedules;

    Stats(Keys keys, Schedules schedules) {
        this.keys = keys;
        this.schedules = schedules;
    }

    ObjectNode callInfo(Query q) throws Fail {
        keys.check(q.required("api_key"));
        String id = q.required("id_call");
        Optional<ScheduleRecord> schedule = id.matches("[0-9]{1,18}")
                ? schedules.byId(Long.parseLong(id)) : Optional.empty();
        return view(schedule.filter(s -> Orders.ORDER.equals(s.orderId()))
                .orElseThrow(() -> Fail.mismatched("id_call: no call of this face has this id")));
    }

    ArrayNode callsInfo(Query q) throws Fail {
        keys.check(q.required("api_key"));
        return calls(DateRange.of(q), s -> true);
    }

    ArrayNode callsCompleted(Query q) throws Fail {
        keys.check(q.required("api_key"));
        return calls(DateRange.of(q), s -> s.state() == ScheduleRecord.State.DONE
                || s.state() == ScheduleRecord.State.CANCELLED);
    }

    ArrayNode callsByStatus(Query q) throws Fail {
        keys.check(q.required("api_key"));
        Set<String> wanted = new HashSet<>();
        for (String pair : q.required("statuses").split(",", -1)) {
            if (!pair.trim().matches("[0-9]{1,3}/[0-9]{1,3}")) {
                throw Fail.wrongType("statuses: must be pairs status_code/status2_code, comma separated (200/0)");
            }
            wanted.add(pair.trim());
        }
        return calls(DateRange.of(q), s -> wanted.contains(StatusPair.of(s).text()));
    }

    /** The face's calls ordered within {@code range} that {@code wanted} keeps, newest first. */
    private ArrayNode calls(DateRange range, Predicate<ScheduleRecord> wanted) {
        ArrayNode calls = JsonNodeFactory.instance.arrayNode();
        for (int page = 1; calls.size() < MAX_CALLS; page++) {
            Page<ScheduleRecord> listed = schedules.list(Orders.ORDER, Set.of(), page, PAGE);
            for (ScheduleRecord schedule : listed.items()) {
                if (range.before(schedule.createdAt())) {
                    return calls;
                }
                if (range.contains(schedule.createdAt()) && wanted.test(schedule) && calls.size() < MAX_CALLS) {
                    calls.add(view(schedule));
                }
            }
            if (page >= listed.pages()) {
                break;
            }
        }
        return calls;
    }

    /** One call as the statistics show it: its status pair, the numbers, its date (UTC) and its latest attempt. */
    static ObjectNode view(ScheduleRecord schedule) {
        StatusPair pair = StatusPair.of(schedule);
        ScheduleRecord.Attempt last = schedule.attempts().isEmpty() ? null
                : schedule.attempts().get(schedule.attempts().size() - 1);
        Instant date = last != null ? last.createdAt()
                : schedule.nextAt() != null ? schedule.nextAt() : schedule.timeToCall();
        long seconds = last == null || last.endedAt() == null ? 0
                : Duration.between(last.createdAt(), last.endedAt()).toSeconds();
        ObjectNode view = JsonNodeFactory.instance.objectNode()
                .put("id", Long.toString(schedule.scheduleId()))
                .put("status_code", pair.manager()).put("status_reason", pair.reason())
                .put("status2_code", pair.client()).put("status2_reason", pair.reason())
                .put("phone1", schedule.sip()).put("phone2", schedule.phone())
                .put("date", date == null ? null : DATE.format(date))
                .put("duration_sec", seconds).put("duration_min", (seconds + 59) / 60)
                .put("attempt", schedule.attempt())
                .putNull("record_url");
        // The daemon's call id, for reading the call back through the mobileconvert API (callHistory).
        if (last != null) {
            view.put("call_id", last.callId());
        } else {
            view.putNull("call_id");
        }
        return view;
    }
}
