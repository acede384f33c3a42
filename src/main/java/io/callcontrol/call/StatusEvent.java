package io.callcontrol.call;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Direction;
import java.time.Instant;

/**
 * One change of a call's status; {@code id} grows monotonically across all calls (the callHistory cursor). It
 * carries its call's direction, so that a reader of the stream needs no look-up.
 */
public record StatusEvent(long id, long callId, String orderId, CallStatus status, Instant at, String detail,
        Direction direction) {

    /** A status of a call the daemon placed. */
    public StatusEvent(long id, long callId, String orderId, CallStatus status, Instant at, String detail) {
        this(id, callId, orderId, status, at, detail, Direction.OUTBOUND);
    }
}
