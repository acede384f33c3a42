package io.callcontrol.schedule;

import io.callcontrol.call.CallRecord;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.DuplicateExternalKeyException;
import io.callcontrol.storage.ScheduleStore;
import io.callcontrol.track.TrackerThread;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

/**
 * A Dialer with no Asterisk behind it: it stores each call in the real store, as makeCall does, and sends nothing.
 * It can be told to find Asterisk unavailable, before storing (no AMI link) or after (the Originate got lost).
 */
public final class StoringDialer implements Dialer {

    /** What the next calls meet. */
    public enum Asterisk { UP, DOWN, LOST_ORIGINATE }

    public final List<CallRecord> placed = new CopyOnWriteArrayList<>();
    public volatile Asterisk asterisk = Asterisk.UP;
    private final CallStore store;

    public StoringDialer(CallStore store) {
        this.store = store;
    }

    @Override
    public CallRecord makeCall(CallRequest request) throws CallRefusedException {
        if (asterisk == Asterisk.DOWN) {
            throw new CallRefusedException(CallRefusedException.Reason.ASTERISK_UNAVAILABLE, null,
                    "Asterisk is not connected (AMI); no call was placed, try again later");
        }
        CallRecord call;
        try {
            call = store.createCall(request.sip(), request.phone(), request.orderId(), request.externalKey(),
                    request.first(), Duration.ofSeconds(10)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DuplicateExternalKeyException
                    || e.getCause() instanceof ScheduleStore.ExternalKeyScheduledException) {
                throw new CallRefusedException(CallRefusedException.Reason.DUPLICATE_EXTERNAL_KEY, "external_key",
                        "external_key: " + e.getCause().getMessage() + "; no second call was placed");
            }
            throw new CallRefusedException(CallRefusedException.Reason.STORE_UNAVAILABLE, e.getMessage(), e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (asterisk == Asterisk.LOST_ORIGINATE) {
            throw new CallRefusedException(CallRefusedException.Reason.ASTERISK_UNAVAILABLE, null,
                    "call " + call.callId() + " was recorded but not placed: the AMI link is down");
        }
        placed.add(call);
        return call;
    }

    /** Scheduled calls are never released through it. */
    @Override
    public Optional<TrackerThread.Releasing> release(long callId) {
        throw new UnsupportedOperationException("the scheduler does not release calls");
    }
}
