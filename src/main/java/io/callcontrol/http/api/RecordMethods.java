package io.callcontrol.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import io.callcontrol.call.CallRecord;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.recordings.RecordingFiles;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.recording.Recording;
import io.callcontrol.storage.History;
import io.callcontrol.storage.Page;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** recordList and orderRecords: recordings, with the links the CRM plays them by. */
final class RecordMethods {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RecordItem(long id, long callId, String orderId, String url, String file, long sizeBytes,
                      long durationMs, String createdAt) {
    }

    /**
     * A page of recordings: {@code page} is null for a page asked by {@code before_id}; the next page is the one
     * before {@code next_before_id}, which is null once a page comes back short (there is no next page).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RecordPage(Integer page, int perPage, long total, long pages, Long nextBeforeId,
                      @JacksonXmlElementWrapper(localName = "records") @JacksonXmlProperty(localName = "record")
                      List<RecordItem> records) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OrderCall(long callId, String sip, String phone, String externalKey, String status, String createdAt,
                     String endedAt,
                     @JacksonXmlElementWrapper(localName = "records") @JacksonXmlProperty(localName = "record")
                     List<RecordItem> records) {
    }

    /**
     * One page of an order's calls with their recordings; {@code hasMore} and {@code nextAfterId} (the last call's
     * id) only when the order has more calls, so an order within the cap gets the answer it always got.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderRecords(String orderId,
                        @JacksonXmlElementWrapper(localName = "calls") @JacksonXmlProperty(localName = "call")
                        List<OrderCall> calls, Boolean hasMore, Long nextAfterId) {
    }

    /** The most calls one orderRecords answer holds, and its default limit: the cap on its memory. */
    static final int ORDER_CALLS_MAX = 500;

    private final History history;
    private final TimeFormat time;

    RecordMethods(History history, TimeFormat time) {
        this.history = history;
        this.time = time;
    }

    /** Recordings, newest first: by page number, or the page before an id. */
    Object recordList(ApiRequest request) throws ApiException {
        Page<Recording> page = history.recordings(request.params().paging());
        List<RecordItem> records = page.items().stream().map(r -> item(r, request.baseUrl())).toList();
        return new RecordPage(page.number(), page.perPage(), page.total(), page.pages(),
                page.nextBeforeId(Recording::id), records);
    }

    /**
     * The calls of an order, oldest first, each with its recordings: a page of at most {@code limit} calls after
     * the call id {@code after_id}, so no order, however long, is read whole.
     */
    Object orderRecords(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        String orderId = p.orderId();
        long afterId = p.number("after_id", 0, 0, Long.MAX_VALUE);
        int limit = (int) p.number("limit", ORDER_CALLS_MAX, 1, ORDER_CALLS_MAX);
        // one more than the page, read only to know whether there is more
        List<CallRecord> read = history.callsOfOrder(orderId, afterId, limit + 1);
        boolean more = read.size() > limit;
        List<CallRecord> page = more ? read.subList(0, limit) : read;
        if (page.isEmpty()) {
            return new OrderRecords(orderId, List.of(), null, null);
        }
        long last = page.get(page.size() - 1).callId();
        Map<Long, List<RecordItem>> byCall = history.recordingsOfCalls(orderId, afterId, last).stream()
                .collect(Collectors.groupingBy(Recording::callId,
                        Collectors.mapping(r -> item(r, request.baseUrl()), Collectors.toList())));
        List<OrderCall> calls = page.stream()
                .map(c -> call(c, byCall.getOrDefault(c.callId(), List.of())))
                .toList();
        return new OrderRecords(orderId, calls, more ? Boolean.TRUE : null, more ? last : null);
    }

    private OrderCall call(CallRecord c, List<RecordItem> records) {
        return new OrderCall(c.callId(), c.sip(), c.phone(), c.externalKey(), c.status().name(),
                time.format(c.createdAt()), time.format(c.endedAt()), records);
    }

    private RecordItem item(Recording r, String baseUrl) {
        return new RecordItem(r.id(), r.callId(), r.orderId(), baseUrl + RecordingFiles.urlPath(r), r.file(),
                r.sizeBytes(), r.durationMs(), time.format(r.createdAt()));
    }
}
