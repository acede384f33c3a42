package io.callcontrol.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import io.callcontrol.call.CallRecord;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.storage.History;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * missedCalls: the inbound calls no operator answered (OPERATOR_NOANSWER, OPERATOR_BUSY, OPERATOR_OFFLINE,
 * CLIENT_CANCEL), oldest first, with the caller's number, so that the CRM can call back. Paged by call id as
 * callHistory is by event id; {@code from} and {@code to} bound the calls' start times.
 */
final class MissedCalls {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MissedCall(long callId, String phone, String sip, String status, String time, String endedTime) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MissedPage(long afterId, long nextAfterId,
                      @JacksonXmlElementWrapper(localName = "calls") @JacksonXmlProperty(localName = "call")
                      List<MissedCall> calls) {
    }

    private final History history;
    private final TimeFormat time;

    MissedCalls(History history, TimeFormat time) {
        this.history = history;
        this.time = time;
    }

    Object missedCalls(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        long afterId = p.number("after_id", 0, 0, Long.MAX_VALUE);
        int limit = (int) p.number("limit", 100, 1, 1000);
        Instant from = instant(p, "from", Instant.EPOCH);
        Instant to = instant(p, "to", Instant.parse("9999-12-31T23:59:59Z"));
        if (!to.isAfter(from)) {
            throw ApiException.invalid("to", "must be after from (" + p.text("from") + ")");
        }
        List<MissedCall> calls = history.missedCalls(afterId, from, to, limit).stream().map(this::item).toList();
        long next = calls.isEmpty() ? afterId : calls.get(calls.size() - 1).callId();
        return new MissedPage(afterId, next, calls);
    }

    private MissedCall item(CallRecord call) {
        return new MissedCall(call.callId(), call.phone(), call.sip(), call.status().name(),
                time.format(call.createdAt()), call.endedAt() == null ? null : time.format(call.endedAt()));
    }

    /** An ISO 8601 time with its offset, e.g. 2026-12-07T09:00:00+02:00. */
    private static Instant instant(ApiParams p, String name, Instant fallback) throws ApiException {
        String value = p.text(name);
        if (value == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO 8601 time with its offset, such as"
                    + " 2026-12-07T09:00:00+02:00; '" + value + "' is not");
        }
    }
}
