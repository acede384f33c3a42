package io.callcontrol.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import io.callcontrol.call.CallChain;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.storage.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** orderHistory and callHistory: the status chain of an order, of a call, or of all calls after a cursor. */
final class StatusMethods {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record HistoryItem(long id, long callId, String orderId, String status, String time, String detail,
                       String direction) {
    }

    /**
     * An order's events, one page of them: {@code hasMore} and {@code nextAfterId} are there only when the order
     * has more events after this page (null otherwise, and then left out), so an order within the cap gets the
     * answer it always got.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderHistory(String orderId,
                        @JacksonXmlElementWrapper(localName = "history") @JacksonXmlProperty(localName = "event")
                        List<HistoryItem> history, Boolean hasMore, Long nextAfterId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CallEvents(long callId,
                      @JacksonXmlElementWrapper(localName = "history") @JacksonXmlProperty(localName = "event")
                      List<HistoryItem> history) {
    }

    /** One page of an order's events grouped by call; a call's events may go on in the next page. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderHistoryByCall(String orderId,
                              @JacksonXmlElementWrapper(localName = "calls") @JacksonXmlProperty(localName = "call")
                              List<CallEvents> calls, Boolean hasMore, Long nextAfterId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CallHistory(long callId, String orderId, String status, String direction, String sip, String phone,
                       @JacksonXmlElementWrapper(localName = "history") @JacksonXmlProperty(localName = "event")
                       List<HistoryItem> history) {
    }

    /** A page of the all-calls stream; the next poll passes {@code next_after_id} as {@code after_id}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusStream(long afterId, long nextAfterId,
                        @JacksonXmlElementWrapper(localName = "history") @JacksonXmlProperty(localName = "event")
                        List<HistoryItem> history) {
    }

    /** The most events one orderHistory answer holds, and its default limit: the cap on its memory. */
    static final int ORDER_PAGE_MAX = 1000;

    private final History history;
    private final TimeFormat time;

    StatusMethods(History history, TimeFormat time) {
        this.history = history;
        this.time = time;
    }

    /**
     * One list across the order's calls (group_by_call=0), or one list per call (group_by_call=1); either way a
     * page of at most {@code limit} events after the {@code after_id} cursor, so no order, however long, is read
     * whole. Grouped pages split by events: a call cut by the page's end goes on at the top of the next one.
     */
    Object orderHistory(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        String orderId = p.orderId();
        boolean byCall = p.flag("group_by_call");
        long afterId = p.number("after_id", 0, 0, Long.MAX_VALUE);
        int limit = (int) p.number("limit", ORDER_PAGE_MAX, 1, ORDER_PAGE_MAX);
        // one more than the page, read only to know whether there is more
        List<StatusEvent> read = history.orderHistory(orderId, afterId, limit + 1);
        boolean more = read.size() > limit;
        List<HistoryItem> events = items(more ? read.subList(0, limit) : read);
        Boolean hasMore = more ? Boolean.TRUE : null;
        Long next = more ? events.get(events.size() - 1).id() : null;
        if (!byCall) {
            return new OrderHistory(orderId, events, hasMore, next);
        }
        Map<Long, List<HistoryItem>> grouped = events.stream()
                .collect(Collectors.groupingBy(HistoryItem::callId, LinkedHashMap::new, Collectors.toList()));
        List<CallEvents> calls = grouped.entrySet().stream()
                .map(e -> new CallEvents(e.getKey(), e.getValue()))
                .toList();
        return new OrderHistoryByCall(orderId, calls, hasMore, next);
    }

    /** With call_id: that call's chain. Without: the events of all calls after the after_id cursor. */
    Object callHistory(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        if (p.text("call_id") != null) {
            long callId = p.requiredNumber("call_id", 1);
            CallChain chain = history.callChain(callId).orElseThrow(() ->
                    new ApiException(ErrorCode.NOT_FOUND, "call_id", "call_id: there is no call " + callId));
            CallRecord call = chain.call();
            return new CallHistory(callId, call.orderId(), call.status().name(), call.direction().apiName(), call.sip(),
                    call.phone(), items(chain.history()));
        }
        long afterId = p.number("after_id", 0, 0, Long.MAX_VALUE);
        int limit = (int) p.number("limit", 100, 1, 1000);
        List<HistoryItem> events = items(history.statusesAfter(afterId, limit));
        long next = events.isEmpty() ? afterId : events.get(events.size() - 1).id();
        return new StatusStream(afterId, next, events);
    }

    private List<HistoryItem> items(List<StatusEvent> events) {
        return events.stream()
                .map(e -> new HistoryItem(e.id(), e.callId(), e.orderId(), e.status().name(), time.format(e.at()),
                        e.detail(), e.direction().apiName()))
                .toList();
    }
}
