package io.callcontrol.inbound;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Causes;
import io.callcontrol.call.StatusChange;
import io.callcontrol.inbound.OperatorLegFact.Gone;
import io.callcontrol.inbound.OperatorLegFact.RingEnded;
import io.callcontrol.inbound.OperatorLegFact.Rung;
import java.util.ArrayList;
import java.util.List;

/**
 * The state machine of an inbound call: (progress, fact) → (progress, statuses). Pure, as {@code CallTracker} is.
 * The chain (README, "Status chain and mapping"): CALL and OPERATOR_CALLTO when an operator's phone is first rung,
 * OPERATOR_PICKUP when an operator answers, then FINISH when the conversation ends. A call no operator answered
 * ends when the caller's channel goes, by the last ring's DIALSTATUS: NOANSWER → OPERATOR_NOANSWER, BUSY →
 * OPERATOR_BUSY, CHANUNAVAIL → OPERATOR_OFFLINE, CANCEL (the caller hung up while the phone rang) → CLIENT_CANCEL.
 * Until the caller's channel goes, an unanswered ring ends nothing: a queue, or the dialplan, may ring again.
 */
public final class InboundTracker {

    private InboundTracker() {
    }

    /** The outcome of one fact: the new progress and the statuses to record, in order (often none). */
    public record Step(InboundProgress progress, List<StatusChange> changes) {
        public Step {
            changes = List.copyOf(changes);
        }
    }

    public static Step next(InboundProgress progress, OperatorLegFact fact) {
        if (progress.ended()) {
            return new Step(progress, List.of());
        }
        List<StatusChange> changes = new ArrayList<>(2);
        InboundProgress next = progress;
        if (fact instanceof Rung rung && progress.status() == null) {
            next = emit(next, changes, CallStatus.CALL, "call from " + caller(rung.caller()));
            next = emit(next, changes, CallStatus.OPERATOR_CALLTO, "ringing operator " + rung.sip());
        } else if (fact instanceof RingEnded ended) {
            next = ringEnded(next, changes, ended);
        } else if (fact instanceof Gone gone) {
            next = gone(next, changes, gone);
        }
        return new Step(next, changes);
    }

    /** The daemon's link to Asterisk was lost and the call's channels are gone meanwhile. */
    public static Step lost(InboundProgress progress, String why) {
        if (progress.ended()) {
            return new Step(progress, List.of());
        }
        List<StatusChange> changes = new ArrayList<>(1);
        InboundProgress next = progress.status() == CallStatus.OPERATOR_PICKUP
                ? emit(progress, changes, CallStatus.FINISH,
                        "ended while " + why + "; the end time is when it was noticed")
                : emit(progress, changes, CallStatus.ERROR, "outcome unknown: ended while " + why);
        return new Step(next, changes);
    }

    private static InboundProgress ringEnded(InboundProgress progress, List<StatusChange> changes, RingEnded ended) {
        if (progress.status() != CallStatus.OPERATOR_CALLTO) {
            return progress;
        }
        if (ended.dialStatus().equals("ANSWER")) {
            return emit(progress.answeredBy(ended.sip(), ended.operatorUid()), changes, CallStatus.OPERATOR_PICKUP,
                    "operator " + ended.sip() + " answered; DIALSTATUS=ANSWER");
        }
        return progress.withLastRing(ended.dialStatus() + " from operator " + ended.sip());
    }

    private static InboundProgress gone(InboundProgress progress, List<StatusChange> changes, Gone gone) {
        boolean caller = gone.uniqueId().equals(gone.linkedId());
        String cause = Causes.describe(gone.cause(), "");
        if (progress.status() == CallStatus.OPERATOR_PICKUP
                && (caller || gone.uniqueId().equals(progress.answeredUid()))) {
            return emit(progress, changes, CallStatus.FINISH, (caller ? "caller " : "operator ") + cause);
        }
        if (progress.status() != CallStatus.OPERATOR_CALLTO || !caller) {
            return progress;
        }
        String ring = progress.lastRing();
        String detail = (ring.isEmpty() ? "" : "DIALSTATUS=" + ring + "; ") + "caller " + cause;
        String dialStatus = ring.isEmpty() ? "" : ring.substring(0, ring.indexOf(' '));
        return switch (dialStatus) {
            case "NOANSWER" -> emit(progress, changes, CallStatus.OPERATOR_NOANSWER, detail);
            case "BUSY" -> emit(progress, changes, CallStatus.OPERATOR_BUSY, detail);
            case "CHANUNAVAIL" -> emit(progress, changes, CallStatus.OPERATOR_OFFLINE,
                    detail + "; the operator's device is not registered or not reachable");
            case "CANCEL" -> emit(progress, changes, CallStatus.CLIENT_CANCEL,
                    detail + "; the caller hung up while the operator was ringing");
            case "" -> progress.resumed()
                    ? emit(progress, changes, CallStatus.ERROR,
                            "outcome unknown: the daemon restarted while the operator was ringing; " + detail)
                    // the caller's hangup overtook the ring's DialEnd (a Local channel's events come apart)
                    : emit(progress, changes, CallStatus.CLIENT_CANCEL,
                            detail + "; the caller hung up while the operator was ringing");
            default -> emit(progress, changes, CallStatus.ERROR, "no operator reached: " + detail);
        };
    }

    private static InboundProgress emit(InboundProgress progress, List<StatusChange> changes, CallStatus status,
            String detail) {
        changes.add(new StatusChange(status, detail));
        return progress.withStatus(status);
    }

    private static String caller(String number) {
        return number.isEmpty() ? "a caller without caller id" : number;
    }
}
