package io.callcontrol.storage;

import io.callcontrol.call.CallStatus;
import java.time.Instant;

/** One change of a call's status; {@code id} grows monotonically across all calls (the callHistory cursor). */
public record StatusEvent(long id, long callId, String orderId, CallStatus status, Instant at, String detail) {
}
