package io.callcontrol.inbound;

import io.callcontrol.call.CallStatus;

/**
 * Where an inbound call stands: its operator (the one rung first, then the one who answered), its last status, and
 * what decides its end.
 *
 * @param lastRing    the DIALSTATUS of the last ring of an operator that ended unanswered, or empty
 * @param answeredUid the Uniqueid of the operator channel that answered, or empty
 * @param resumed     picked up again after a restart: what was told before it is not known
 */
public record InboundProgress(String sip, CallStatus status, String lastRing, String answeredUid, boolean resumed) {

    /** A call not seen yet: nothing has been emitted for it. */
    static InboundProgress unseen(String sip) {
        return new InboundProgress(sip, null, "", "", false);
    }

    /** A call resumed at its stored status after a restart. */
    public static InboundProgress resumed(String sip, CallStatus status) {
        return new InboundProgress(sip, status, "", "", true);
    }

    public boolean ended() {
        return status != null && status.isTerminal();
    }

    InboundProgress withStatus(CallStatus next) {
        return new InboundProgress(sip, next, lastRing, answeredUid, resumed);
    }

    InboundProgress withLastRing(String dialStatus) {
        return new InboundProgress(sip, status, dialStatus, answeredUid, resumed);
    }

    InboundProgress answeredBy(String operatorSip, String operatorUid) {
        return new InboundProgress(operatorSip, status, lastRing, operatorUid, resumed);
    }
}
