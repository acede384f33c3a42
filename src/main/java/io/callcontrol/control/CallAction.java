package io.callcontrol.control;

import java.time.Instant;

/**
 * A call-control action Asterisk accepted on a call in progress (V11__call_actions.sql): what was done
 * ({@code hangup_leg}, {@code send_dtmf}), to which party and channel, with what ({@code detail}, e.g. the digits).
 */
public record CallAction(long id, long callId, String action, String party, String channel, String detail,
        Instant at) {
}
