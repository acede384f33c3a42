package io.callcontrol.http;

import io.callcontrol.call.CallStatus;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.storage.CallRecord;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A Dialer that places nothing: it remembers the calls, refuses repeated external keys, or fails as told. */
final class FakeDialer implements Dialer {

    final List<CallRequest> placed = new CopyOnWriteArrayList<>();
    private final Set<String> externalKeys = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(41);
    /** When set, every call is refused for this reason. */
    volatile CallRefusedException.Reason refuseWith;

    @Override
    public CallRecord makeCall(CallRequest request) throws CallRefusedException {
        if (refuseWith != null) {
            throw new CallRefusedException(refuseWith, null, "refused: " + refuseWith);
        }
        if (!externalKeys.add(request.externalKey())) {
            throw new CallRefusedException(CallRefusedException.Reason.DUPLICATE_EXTERNAL_KEY, "external_key",
                    "external_key: '" + request.externalKey() + "' was used before; no call placed");
        }
        placed.add(request);
        return new CallRecord(ids.incrementAndGet(), request.orderId(), request.externalKey(), request.sip(),
                request.phone(), "chan-" + ids.get(), CallStatus.CALL, Instant.now(), null);
    }
}
