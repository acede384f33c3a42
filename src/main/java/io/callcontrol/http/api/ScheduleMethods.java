package io.callcontrol.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.schedule.AttemptKeys;
import io.callcontrol.schedule.CancelRefusedException;
import io.callcontrol.schedule.RetryPlan;
import io.callcontrol.schedule.ScheduleRecord.State;
import io.callcontrol.schedule.ScheduleRecord;
import io.callcontrol.schedule.ScheduleRequest;
import io.callcontrol.schedule.Schedules;
import io.callcontrol.storage.Page;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Scheduled calls: makeCall with scheduling parameters, scheduledCalls and cancelCall. */
final class ScheduleMethods {

    /** One call placed for a schedule. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AttemptItem(int attempt, long callId, String externalKey, String status, String createdAt, String endedAt) {
    }

    /** A schedule: what was asked, where it stands ({@code status}), and the calls of its attempts. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ScheduledCall(long scheduleId, String status, String orderId, String externalKey, String sip, String phone,
                         String first, String timeToCall, String interval, String hours, String timeZone,
                         int attemptsPlanned, Integer nextAttempt, String nextAttemptAt, String detail,
                         String createdAt, String updatedAt,
                         @JacksonXmlElementWrapper(localName = "attempts") @JacksonXmlProperty(localName = "call")
                         List<AttemptItem> attempts) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ScheduledPage(int page, int perPage, long total, long pages,
                         @JacksonXmlElementWrapper(localName = "scheduled_calls")
                         @JacksonXmlProperty(localName = "scheduled_call")
                         List<ScheduledCall> scheduledCalls) {
    }

    private final Schedules schedules;
    private final TimeFormat time;

    ScheduleMethods(Schedules schedules, TimeFormat time) {
        this.schedules = schedules;
        this.time = time;
    }

    /** True when a makeCall carries any scheduling parameter. */
    static boolean asked(ApiParams p) {
        return ScheduleRequest.asked(p.text("time_to_call"), p.text("interval"), p.text("hours"), p.text("tz"));
    }

    /** makeCall with scheduling parameters: stores the schedule (durable before the answer) and answers it. */
    ScheduledCall schedule(CallRequest call, ApiParams p) throws ApiException, CallRefusedException {
        AttemptKeys.refuseReserved(call);
        return item(schedules.schedule(call, p.text("time_to_call"), p.text("interval"), p.text("hours"),
                p.text("tz")));
    }

    /** Schedules newest first; {@code order_id} and {@code status} filter them. */
    Object scheduledCalls(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        String orderId = p.text("order_id") == null ? null : p.orderId();
        Page<ScheduleRecord> page = schedules.list(orderId, states(p.text("status")), p.page(), p.perPage());
        List<ScheduledCall> items = page.items().stream().map(this::item).toList();
        return new ScheduledPage(page.page(), page.perPage(), page.total(), page.pages(), items);
    }

    /** Cancels the attempts not yet started of the schedule named by schedule_id, external_key or call_id. */
    Object cancelCall(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        List<String> given = Stream.of("schedule_id", "external_key", "call_id").filter(n -> p.text(n) != null).toList();
        if (given.size() != 1) {
            throw ApiException.invalid(given.isEmpty() ? "schedule_id" : given.get(1),
                    "give exactly one of schedule_id, external_key (the makeCall's) or call_id (an attempt's)");
        }
        String by = given.get(0);
        Optional<ScheduleRecord> found = switch (by) {
            case "schedule_id" -> schedules.byId(p.requiredNumber(by, 1));
            case "call_id" -> schedules.byCallId(p.requiredNumber(by, 1));
            default -> schedules.byExternalKey(p.text(by));
        };
        ScheduleRecord schedule = found.orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, by,
                by + ": no scheduled call has " + (by.equals("call_id") ? "an attempt with " : "") + by + " '"
                        + shown(p.text(by)) + "'"));
        try {
            return item(schedules.cancel(schedule.scheduleId()));
        } catch (CancelRefusedException e) {
            throw new ApiException(ErrorCode.NOT_CANCELLABLE, by, e.getMessage());
        }
    }

    private static Set<State> states(String value) throws ApiException {
        Set<State> states = EnumSet.noneOf(State.class);
        if (value == null) {
            return states;
        }
        for (String item : value.split(",", -1)) {
            String name = item.trim().toUpperCase(Locale.ROOT);
            State state = Stream.of(State.values()).filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                    ApiException.invalid("status", "must be a comma list of scheduled, calling, done, cancelled; '"
                            + shown(item) + "' is none of them"));
            states.add(state);
        }
        return states;
    }

    private ScheduledCall item(ScheduleRecord s) {
        List<AttemptItem> attempts = s.attempts().stream()
                .map(a -> new AttemptItem(a.attempt(), a.callId(), a.externalKey(), a.status().name(),
                        time.format(a.createdAt()), time.format(a.endedAt())))
                .toList();
        boolean waiting = s.state() == State.SCHEDULED;
        return new ScheduledCall(s.scheduleId(), s.state().name(), s.orderId(), s.externalKey(), s.sip(), s.phone(),
                s.first().apiName(), time.format(s.timeToCall()), emptyAsNull(s.interval()), emptyAsNull(s.hours()),
                s.timeZone(),
                RetryPlan.parse(s.interval()).attempts(), waiting ? s.attempt() : null,
                time.format(s.nextAt()), s.detail(), time.format(s.createdAt()), time.format(s.updatedAt()), attempts);
    }

    private static String emptyAsNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static String shown(String value) {
        return value.length() > 32 ? value.substring(0, 32) + "..." : value;
    }
}
