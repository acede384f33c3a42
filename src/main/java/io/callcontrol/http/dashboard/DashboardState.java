package io.callcontrol.http.dashboard;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callcontrol.call.CallChain;
import io.callcontrol.call.CallRecord;
import io.callcontrol.http.recordings.RecordingFiles;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.push.EventFeed;
import io.callcontrol.storage.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the page shows when it opens, read from the store in one go: operators, the calls in progress and the last
 * calls with their chains and recordings, and the feed's cursor to go on from. The page then follows the feed from
 * that cursor; an event read in both is applied twice to the same call, which changes nothing.
 */
final class DashboardState {

    /** The last calls the page lists. */
    static final int RECENT = 20;
    /** The operators the page lists: a supervisor's floor, not a directory. */
    static final int OPERATORS = 500;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Snapshot(long cursor, List<OperatorItem> operators, List<CallItem> calls) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OperatorItem(String sip, String status, String since) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CallItem(long callId, String orderId, String sip, String phone, String status, String createdAt,
                    String endedAt, List<ChainItem> chain, String recordingUrl) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChainItem(long id, String status, String time, String detail) {
    }

    private final History history;
    private final EventFeed feed;
    private final TimeFormat time;

    DashboardState(History history, EventFeed feed, TimeFormat time) {
        this.history = history;
        this.feed = feed;
        this.time = time;
    }

    /** JDBC: on a worker. {@code baseUrl} starts the recording links. */
    Snapshot read(String baseUrl) {
        // the cursor first: whatever happens while the rest is read comes again on the feed
        long cursor = feed.newestId();
        List<OperatorItem> operators = history.operators(Set.of(), 1, OPERATORS).items().stream()
                .map(o -> new OperatorItem(o.sip(), o.status().apiName(), time.format(o.since())))
                .toList();
        Map<Long, CallRecord> calls = new LinkedHashMap<>();
        history.callsInProgress().forEach(c -> calls.put(c.callId(), c));
        history.recentCalls(RECENT).forEach(c -> calls.putIfAbsent(c.callId(), c));
        List<CallItem> items = calls.values().stream().map(c -> item(c, baseUrl)).toList();
        return new Snapshot(cursor, operators, items);
    }

    private CallItem item(CallRecord call, String baseUrl) {
        List<ChainItem> chain = history.callChain(call.callId()).map(CallChain::history).orElse(List.of()).stream()
                .map(e -> new ChainItem(e.id(), e.status().name(), time.format(e.at()), e.detail()))
                .toList();
        String recording = history.recordingsOfCalls(call.orderId(), call.callId() - 1, call.callId()).stream()
                .findFirst().map(r -> baseUrl + RecordingFiles.urlPath(r)).orElse(null);
        return new CallItem(call.callId(), call.orderId(), call.sip(), call.phone(), call.status().name(),
                time.format(call.createdAt()), call.endedAt() == null ? null : time.format(call.endedAt()), chain,
                recording);
    }
}
