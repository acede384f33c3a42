package io.callcontrol.call;

import io.callcontrol.call.Fact.Answered;
import io.callcontrol.call.Fact.CallEnded;
import io.callcontrol.call.Fact.CallLost;
import io.callcontrol.call.Fact.ChannelCreated;
import io.callcontrol.call.Fact.ChannelGone;
import io.callcontrol.call.Fact.DialBegan;
import io.callcontrol.call.Fact.DialEnded;
import io.callcontrol.call.Fact.DialplanAnswered;
import io.callcontrol.call.Fact.HangupCause;
import io.callcontrol.call.Fact.OriginateFailed;
import io.callcontrol.call.Fact.OriginateNotSent;
import io.callcontrol.call.Fact.ReleaseNotDone;
import io.callcontrol.call.Fact.Released;
import io.callcontrol.call.Fact.Ringing;
import io.callcontrol.call.Fact.VerdictDue;
import java.util.ArrayList;
import java.util.List;

/** One fact's worth of changes, built up on a copy of the progress; what both orders of parties share. */
abstract class Transition {
    CallProgress progress;
    final FirstParty first;
    private final List<StatusChange> changes = new ArrayList<>(2);

    Transition(CallProgress progress) {
        this.progress = progress;
        this.first = progress.first();
    }

    /** The originated leg failed before answering; {@code detail} has Asterisk's reason and cause. */
    abstract void originatedFailed(OriginateFailed failed, String detail);

    /** The Dial of the second party ended other than ANSWER. */
    abstract void dialFailed(String dialStatus, String detail);

    /** The originated channel is gone after its party answered: {@code status()} says how far the call got. */
    abstract void originatedGoneAfterAnswer();

    void apply(Fact fact) {
        if (fact instanceof Ringing) {
            originatedChannel();
            moveFrom(CallStatus.CALL, first.ringing(), "");
        } else if (fact instanceof Answered) {
            originatedChannel();
            answered();
        } else if (fact instanceof DialplanAnswered) {
            if (progress.originatedChannelSeen()) {
                answered();
            }
        } else if (fact instanceof OriginateFailed failed) {
            originateFailed(failed);
        } else if (fact instanceof VerdictDue due) {
            verdictDue(due);
        } else if (fact instanceof OriginateNotSent notSent) {
            end(CallStatus.ERROR, "originate not sent: " + notSent.why());
        } else if (fact instanceof ChannelCreated created) {
            if (created.leg() == Leg.ORIGINATED) {
                originatedChannel();
            }
        } else if (fact instanceof HangupCause cause) {
            cause(cause.leg(), cause.cause(), cause.sipCode());
        } else if (fact instanceof ChannelGone gone) {
            cause(gone.leg(), gone.cause(), gone.sipCode());
            if (gone.leg() == Leg.ORIGINATED) {
                originatedGone();
            }
        } else if (fact instanceof DialBegan) {
            answered();
            moveFrom(first.answered(), first.dialling(), "");
        } else if (fact instanceof DialEnded ended) {
            dialEnded(ended.dialStatus());
        } else if (fact instanceof CallEnded ended) {
            callEnded(ended);
        } else if (fact instanceof CallLost lost) {
            lost(lost.why());
        } else if (fact instanceof Released) {
            progress = progress.withReleased(true);
        } else if (fact instanceof ReleaseNotDone) {
            progress = progress.withReleased(false);
        }
    }

    CallTracker.Step step() {
        return new CallTracker.Step(progress, changes);
    }

    CallStatus status() {
        return progress.status();
    }

    void emit(CallStatus status, String detail) {
        if (progress.ended()) {
            return;
        }
        changes.add(new StatusChange(status, detail));
        progress = progress.withStatus(status);
    }

    /**
     * A released call ends as the release: FINISH when both parties had been connected, ERROR otherwise (the
     * legs were hung up on purpose, which no other status says); what Asterisk reported stays in the detail.
     */
    void end(CallStatus status, String detail) {
        if (!progress.released()) {
            emit(status, detail);
        } else if (status == CallStatus.FINISH) {
            emit(status, CallTracker.RELEASED + (detail.isEmpty() ? "" : "; " + detail));
        } else {
            emit(CallStatus.ERROR, CallTracker.RELEASED + " at " + status() + " (Asterisk: " + status
                    + (detail.isEmpty() ? "" : ", " + detail) + ")");
        }
    }

    void moveFrom(CallStatus from, CallStatus to, String detail) {
        if (status() == from) {
            emit(to, detail);
        }
    }

    void originatedChannel() {
        progress = progress.withOriginatedChannel();
    }

    void cause(Leg leg, int cause, String sipCode) {
        progress = progress.withCause(leg, cause, sipCode);
    }

    void answered() {
        if (beforeAnswer()) {
            emit(first.answered(), "");
        }
    }

    /** Before the first party answered. Busy and no-answer are told by the reason or by the channel's cause. */
    void originateFailed(OriginateFailed failed) {
        if (!beforeAnswer()) {
            return;
        }
        if (progress.originatedCause() == CallProgress.UNKNOWN && failed.reason() != 3 && failed.reason() != 5
                && !cannotHaveRung(failed)) {
            // an unclear reason: the originated channel's events (its Newchannel, its Hangup with the cause that
            // tells why) may still be on their way; they decide, or the reason does once the wait is over
            progress = progress.withFailedOriginate(failed);
            return;
        }
        decideOriginatedFailure(failed);
    }

    /**
     * No channel was seen and Asterisk's last word on the device is UNAVAILABLE: there is no channel whose cause could
     * still come, so waiting would only delay what is already known.
     */
    private boolean cannotHaveRung(OriginateFailed failed) {
        return failed.deviceUnavailable() && !progress.originatedChannelSeen();
    }

    /** Nothing decisive came after an unclear OriginateResponse: what is known decides, and says so. */
    void verdictDue(VerdictDue due) {
        OriginateFailed failed = progress.failedOriginate();
        if (!beforeAnswer() || failed == null) {
            return;
        }
        String waited = (due.waitedMillis() % 1000 == 0 ? due.waitedMillis() / 1000 + " s"
                : due.waitedMillis() + " ms");
        String missing = !progress.originatedChannelSeen() ? "no channel within " + waited
                : progress.originatedCause() == CallProgress.UNKNOWN ? "no hangup cause within " + waited : "";
        originatedFailed(failed, detailOf(failed) + (missing.isEmpty() ? "" : "; " + missing));
    }

    void originatedGone() {
        if (beforeAnswer()) {
            // the channel's cause decides, whether the OriginateResponse came first, comes later, or
            // never reaches this AMI session (it went to the one that sent the Originate)
            decideOriginatedFailure(progress.failedOriginate() != null
                    ? progress.failedOriginate() : new OriginateFailed(0, CallTracker.NO_REASON, true, false));
        } else if (status() == first.connected()) {
            end(CallStatus.FINISH, originatedCause());
        } else {
            originatedGoneAfterAnswer();
        }
    }

    private void decideOriginatedFailure(OriginateFailed failed) {
        originatedFailed(failed, detailOf(failed));
    }

    /** Asterisk's reason and the originated channel's cause, as far as they are known. */
    private String detailOf(OriginateFailed failed) {
        String reason = failed.reason() == CallTracker.NO_REASON ? "" : "OriginateResponse Reason " + failed.reason();
        return progress.originatedCause() == CallProgress.UNKNOWN ? reason
                : reason.isEmpty() ? originatedCause() : reason + "; " + originatedCause();
    }

    void dialEnded(String dialStatus) {
        if (status() == first.answered()) {
            emit(first.dialling(), "");
        }
        if (status() != first.dialling()) {
            return;
        }
        String detail = "DIALSTATUS=" + dialStatus + dialledCause();
        if (dialStatus.equals("ANSWER")) {
            emit(first.connected(), detail);
        } else {
            dialFailed(dialStatus, detail);
        }
    }

    /**
     * The dialplan's last word repeats what AMI said, and fills in what it missed, but only for legs AMI has seen
     * start: nothing at all before AMI saw the originated channel, and no outcome of the Dial before AMI saw it
     * begin (a DIALSTATUS then leaves the end to AMI's Hangup, or to the reconcile after a lost link).
     */
    void callEnded(CallEnded ended) {
        if (!progress.originatedChannelSeen()) {
            return;
        }
        if (!ended.error().isEmpty() && status() == first.answered()) {
            end(CallStatus.ERROR, "dialplan: " + ended.error());
            return;
        }
        answered();
        if (!ended.dialStatus().isEmpty()) {
            if (status() == first.answered()) {
                return;
            }
            if (progress.dialledCause() == CallProgress.UNKNOWN) {
                cause(Leg.DIALLED, ended.hangupCause(), "");
            }
            dialEnded(ended.dialStatus());
        }
        if (progress.originatedCause() == CallProgress.UNKNOWN) {
            cause(Leg.ORIGINATED, ended.hangupCause(), "");
        }
        originatedGone();
    }

    void lost(String why) {
        if (status() == first.connected()) {
            end(CallStatus.FINISH, "ended while " + why + "; the end time is when it was noticed");
        } else {
            end(CallStatus.ERROR, "outcome unknown: ended while " + why);
        }
    }

    boolean beforeAnswer() {
        return status() == CallStatus.CALL || status() == first.ringing();
    }

    /** "operator cause 16 (Normal Clearing)": the originated leg's cause, named by its party. */
    String originatedCause() {
        return party(Leg.ORIGINATED) + " "
                + Causes.describe(progress.originatedCause(), progress.originatedSipCode());
    }

    /** "; client cause 17 (User busy), SIP 486", or nothing while the dialled leg's cause is unknown. */
    String dialledCause() {
        return progress.dialledCause() == CallProgress.UNKNOWN ? ""
                : "; " + party(Leg.DIALLED) + " "
                        + Causes.describe(progress.dialledCause(), progress.dialledSipCode());
    }

    private String party(Leg leg) {
        return (leg == Leg.ORIGINATED) == (first == FirstParty.OPERATOR) ? "operator" : "client";
    }
}
