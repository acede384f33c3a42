package io.callcontrol.control;

import java.time.Instant;

/**
 * One channel of a call in progress and the party on it: {@code number} is that party's (the operator's sip, the
 * client's phone), {@code state} and {@code since} are Asterisk's.
 */
public record CallLeg(Party party, String channel, String uniqueId, String number, String state, String bridgeId,
        Instant since) {
}
