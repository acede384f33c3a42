package io.callcontrol.http;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.track.TrackerThread;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A Dialer that places nothing: it remembers the calls, refuses repeated external keys, or fails as told. */
public final class FakeDialer implements Dialer {

    public final List<CallRequest> placed = new CopyOnWriteArrayList<>();
    private final Set<String> externalKeys = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(41);
    private final Map<Long, CallRecord> inProgress = new ConcurrentHashMap<>();
    /** When set, every call is refused for this reason. */
    public volatile CallRefusedException.Reason refuseWith;

    @Override
    public CallRecord makeCall(CallRequest request) throws CallRefusedException {
        if (refuseWith != null) {
            throw new CallRefusedException(refuseWith, null, "refused: " + refuseWith);
        }
        if (!externalKeys.add(request.externalKey())) {
            throw new CallRefusedException(CallRefusedException.Reason.DUPLICATE_EXTERNAL_KEY, "external_key",
                    "external_key: '" + request.externalKey() + "' was used before; no call placed");
        }
        CallRecord call = new CallRecord(ids.incrementAndGet(), request.orderId(), request.externalKey(),
                request.sip(), request.phone(), request.first(), "chan-" + ids.get(), CallStatus.CALL, Instant.now(),
                null);
        placed.add(request);
        inProgress.put(call.callId(), call);
        return call;
    }

    /** A call it placed is released once, at CALL; then it has ended. */
    @Override
    public Optional<TrackerThread.Releasing> release(long callId) throws CallRefusedException {
        if (refuseWith != null) {
            throw new CallRefusedException(refuseWith, null, "refused: " + refuseWith);
        }
        return Optional.ofNullable(inProgress.remove(callId)).map(call -> new TrackerThread.Releasing(call, call.status()));
    }
}
