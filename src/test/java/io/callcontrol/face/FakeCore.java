package io.callcontrol.face;

import io.callcontrol.call.CallChain;
import io.callcontrol.call.CallRecord;
import io.callcontrol.control.CallControl;
import io.callcontrol.control.FakeLink;
import io.callcontrol.control.MemoryTrace;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.operator.Operator;
import io.callcontrol.operator.OperatorEvent;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.recording.Recording;
import io.callcontrol.storage.History;
import io.callcontrol.storage.Page;
import io.callcontrol.storage.Paging;
import io.callcontrol.track.TrackerThread;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The core as the face sees it, in memory: a dialer that remembers what it was asked (or refuses as told) and the
 * history of those calls. Ended calls stay readable, as in the store.
 */
public final class FakeCore implements Dialer, History {

    public final List<CallRequest> placed = new ArrayList<>();
    public final List<Long> released = new ArrayList<>();
    private final Map<Long, CallRecord> calls = new TreeMap<>();
    private long nextId = 42;
    /** When set, makeCall and release refuse for this reason. */
    public CallRefusedException.Reason refuseWith;
    /** The Asterisk of call control over these calls: the channels a test puts there, the actions sent. */
    public final FakeLink link = new FakeLink();
    /** Call control over these calls and {@link #link}, supervisors 1010 to 1019, traced in memory. */
    public final CallControl control = MemoryTrace.control(this, link);

    @Override
    public synchronized CallRecord makeCall(CallRequest request) throws CallRefusedException {
        if (refuseWith != null) {
            throw new CallRefusedException(refuseWith, null, "refused: " + refuseWith);
        }
        CallRecord call = new CallRecord(nextId++, request.orderId(), request.externalKey(), request.sip(),
                request.phone(), request.first(), "cc-" + nextId, CallStatus.CALL,
                Instant.parse("2026-12-07T09:30:05.250Z"), null);
        placed.add(request);
        calls.put(call.callId(), call);
        return call;
    }

    /** Moves a call on to {@code status}. */
    public synchronized void advance(long callId, CallStatus status) {
        CallRecord c = calls.get(callId);
        calls.put(callId, new CallRecord(c.callId(), c.orderId(), c.externalKey(), c.sip(), c.phone(), c.first(),
                c.channelId(), status, c.createdAt(), status.isTerminal() ? c.createdAt() : null));
    }

    @Override
    public synchronized Optional<TrackerThread.Releasing> release(long callId) throws CallRefusedException {
        if (refuseWith != null) {
            throw new CallRefusedException(refuseWith, null, "refused: " + refuseWith);
        }
        CallRecord call = calls.get(callId);
        if (call == null || call.status().isTerminal()) {
            return Optional.empty();
        }
        released.add(callId);
        advance(callId, CallStatus.ERROR);
        return Optional.of(new TrackerThread.Releasing(call, call.status()));
    }

    @Override
    public synchronized Optional<CallRecord> call(long callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    @Override
    public synchronized List<CallRecord> callsInProgress() {
        return new ArrayList<>(calls.values().stream().filter(c -> !c.status().isTerminal()).toList());
    }

    // The face reads nothing else of the history.

    @Override
    public List<CallRecord> recentCalls(int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<Recording> recordings(Paging paging) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<CallRecord> callsOfOrder(String orderId, long afterCallId, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Recording> recordingsOfCalls(String orderId, long afterCallId, long lastCallId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StatusEvent> orderHistory(String orderId, long afterId, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CallChain> callChain(long callId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StatusEvent> statusesAfter(long afterId, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<Operator> operators(Set<OperatorStatus> statuses, int page, int perPage) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<OperatorEvent> operatorHistory(String sip, Paging paging) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Recording> recording(long recordingId) {
        throw new UnsupportedOperationException();
    }
}
