package io.callcontrol.http;

import io.callcontrol.call.CallChain;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.operator.Operator;
import io.callcontrol.operator.OperatorEvent;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.recording.Recording;
import io.callcontrol.storage.History;
import io.callcontrol.storage.Page;
import io.callcontrol.storage.Paging;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** An in-memory History: tests add rows, the API reads them back as the real store would order them. */
public final class FakeHistory implements History {

    public final List<CallRecord> calls = new CopyOnWriteArrayList<>();
    public final List<StatusEvent> events = new CopyOnWriteArrayList<>();
    public final List<Recording> recordings = new CopyOnWriteArrayList<>();
    public final List<Operator> operators = new CopyOnWriteArrayList<>();
    public final List<OperatorEvent> operatorEvents = new CopyOnWriteArrayList<>();
    /** When set, every query throws it, as a dead database would. */
    public volatile RuntimeException failure;
    /** How long every query takes, as a busy database would. */
    public volatile long delayMillis;

    @Override
    public Page<Recording> recordings(Paging paging) {
        return page(recordings.stream()
                .filter(r -> !paging.byKey() || r.id() < paging.beforeId())
                .sorted(Comparator.comparingLong(Recording::id).reversed())
                .toList(), paging, recordings.size());
    }

    @Override
    public List<CallRecord> callsOfOrder(String orderId, long afterCallId, int limit) {
        return check().calls.stream().filter(c -> c.orderId().equals(orderId) && c.callId() > afterCallId)
                .limit(limit).toList();
    }

    @Override
    public List<Recording> recordingsOfCalls(String orderId, long afterCallId, long lastCallId) {
        return check().recordings.stream().filter(r -> r.orderId().equals(orderId) && r.callId() > afterCallId
                && r.callId() <= lastCallId).toList();
    }

    @Override
    public List<StatusEvent> orderHistory(String orderId, long afterId, int limit) {
        return check().events.stream().filter(e -> e.orderId().equals(orderId) && e.id() > afterId)
                .limit(limit).toList();
    }

    @Override
    public Optional<CallRecord> call(long callId) {
        return check().calls.stream().filter(c -> c.callId() == callId).findFirst();
    }

    @Override
    public Optional<CallChain> callChain(long callId) {
        return call(callId).map(call -> new CallChain(call,
                check().events.stream().filter(e -> e.callId() == callId).toList()));
    }

    @Override
    public List<StatusEvent> statusesAfter(long afterId, int limit) {
        return check().events.stream().filter(e -> e.id() > afterId).limit(limit).toList();
    }

    @Override
    public Page<Operator> operators(Set<OperatorStatus> statuses, int page, int perPage) {
        Predicate<Operator> wanted = o -> statuses.isEmpty() || statuses.contains(o.status());
        List<Operator> all = operators.stream().filter(wanted).sorted(Comparator.comparing(Operator::sip)).toList();
        return page(all, Paging.number(page, perPage), all.size());
    }

    @Override
    public Page<OperatorEvent> operatorHistory(String sip, Paging paging) {
        List<OperatorEvent> all = operatorEvents.stream().filter(e -> sip == null || e.sip().equals(sip)).toList();
        return page(all.stream()
                .filter(e -> !paging.byKey() || e.id() < paging.beforeId())
                .sorted(Comparator.comparingLong(OperatorEvent::id).reversed())
                .toList(), paging, all.size());
    }

    @Override
    public Optional<Recording> recording(long recordingId) {
        return check().recordings.stream().filter(r -> r.id() == recordingId).findFirst();
    }

    @Override
    public List<CallRecord> callsInProgress() {
        return check().calls.stream().filter(c -> !c.status().isTerminal()).toList();
    }

    @Override
    public List<CallRecord> recentCalls(int limit) {
        return check().calls.stream().sorted(Comparator.comparingLong(CallRecord::callId).reversed()).limit(limit)
                .toList();
    }

    /** The page of {@code rows} (already below the key, for a page by key) in a listing of {@code total}. */
    private <T> Page<T> page(List<T> rows, Paging paging, long total) {
        check();
        int from = paging.byKey() ? 0 : (int) Math.min(rows.size(), (long) (paging.page() - 1) * paging.perPage());
        return new Page<>(rows.subList(from, Math.min(rows.size(), from + paging.perPage())), paging.page(),
                paging.perPage(), total);
    }

    private FakeHistory check() {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw failure;
        }
        return this;
    }
}
