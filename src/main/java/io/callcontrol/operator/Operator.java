package io.callcontrol.operator;

import io.callcontrol.operator.OperatorStatus;
import java.time.Instant;

/** An operator's current presence; {@code deviceState} is Asterisk's word for it (NOT_INUSE, UNAVAILABLE...). */
public record Operator(String sip, OperatorStatus status, String deviceState, Instant since) {
}
