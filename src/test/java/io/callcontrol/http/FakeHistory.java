package io.callcontrol.http;

import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.storage.CallRecord;
import io.callcontrol.storage.History;
import io.callcontrol.storage.Operator;
import io.callcontrol.storage.OperatorEvent;
import io.callcontrol.storage.Page;
import io.callcontrol.storage.Recording;
import io.callcontrol.storage.StatusEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** An in-memory History: tests add rows, the API reads them back as the real store would order them. */
final class FakeHistory implements History {

    final List<CallRecord> calls = new CopyOnWriteArrayList<>();
    final List<StatusEvent> events = new CopyOnWriteArrayList<>();
    final List<Recording> recordings = new CopyOnWriteArrayList<>();
    final List<Operator> operators = new CopyOnWriteArrayList<>();
    final List<OperatorEvent> operatorEvents = new CopyOnWriteArrayList<>();
    /** When set, every query throws it, as a dead database would. */
    volatile RuntimeException failure;
    /** How long every query takes, as a busy database would. */
    volatile long delayMillis;

    @Override
    public Page<Recording> recordings(int page, int perPage) {
        return page(recordings.stream().sorted(Comparator.comparingLong(Recording::id).reversed()).toList(),
                page, perPage);
    }

    @Override
    public List<CallRecord> callsOfOrder(String orderId) {
        return check().calls.stream().filter(c -> c.orderId().equals(orderId)).toList();
    }

    @Override
    public List<Recording> recordingsOfOrder(String orderId) {
        return check().recordings.stream().filter(r -> r.orderId().equals(orderId)).toList();
    }

    @Override
    public List<StatusEvent> orderHistory(String orderId) {
        return check().events.stream().filter(e -> e.orderId().equals(orderId)).toList();
    }

    @Override
    public Optional<CallRecord> call(long callId) {
        return check().calls.stream().filter(c -> c.callId() == callId).findFirst();
    }

    @Override
    public List<StatusEvent> callHistory(long callId) {
        return check().events.stream().filter(e -> e.callId() == callId).toList();
    }

    @Override
    public List<StatusEvent> statusesAfter(long afterId, int limit) {
        return check().events.stream().filter(e -> e.id() > afterId).limit(limit).toList();
    }

    @Override
    public Page<Operator> operators(Set<OperatorStatus> statuses, int page, int perPage) {
        Predicate<Operator> wanted = o -> statuses.isEmpty() || statuses.contains(o.status());
        return page(operators.stream().filter(wanted).sorted(Comparator.comparing(Operator::sip)).toList(),
                page, perPage);
    }

    @Override
    public Page<OperatorEvent> operatorHistory(String sip, int page, int perPage) {
        return page(operatorEvents.stream()
                .filter(e -> sip == null || e.sip().equals(sip))
                .sorted(Comparator.comparingLong(OperatorEvent::id).reversed())
                .toList(), page, perPage);
    }

    @Override
    public Optional<Recording> recording(long recordingId) {
        return check().recordings.stream().filter(r -> r.id() == recordingId).findFirst();
    }

    @Override
    public List<CallRecord> callsInProgress() {
        return check().calls.stream().filter(c -> !c.status().isTerminal()).toList();
    }

    private <T> Page<T> page(List<T> all, int page, int perPage) {
        check();
        int from = (int) Math.min(all.size(), (long) (page - 1) * perPage);
        return new Page<>(all.subList(from, Math.min(all.size(), from + perPage)), page, perPage, all.size());
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
