package io.callcontrol.operator;

import io.callcontrol.operator.OperatorStatus;
import java.time.Instant;

/** One change of an operator's presence. */
public record OperatorEvent(long id, String sip, OperatorStatus status, String deviceState, Instant at) {
}
