package io.callcontrol.call;

import io.callcontrol.call.Fact.CallEnded;
import io.callcontrol.call.Fact.CallLost;
import io.callcontrol.call.Fact.ChannelCreated;
import io.callcontrol.call.Fact.ChannelGone;
import io.callcontrol.call.Fact.ClientDialEnded;
import io.callcontrol.call.Fact.ClientDialing;
import io.callcontrol.call.Fact.HangupCause;
import io.callcontrol.call.Fact.OperatorAnswered;
import io.callcontrol.call.Fact.OperatorRinging;
import io.callcontrol.call.Fact.OriginateFailed;
import io.callcontrol.call.Fact.OriginateNotSent;
import io.callcontrol.call.Fact.ReleaseNotDone;
import io.callcontrol.call.Fact.Released;
import java.util.ArrayList;
import java.util.List;

/**
 * The call state machine: (progress, fact) → (progress, statuses). Pure: no I/O, no clock, no threads.
 * The status chain only moves forward and a terminal status ends it, so a fact seen twice, or a fact that
 * arrives after a later one, emits nothing. The mapping is documented in the README ("Status mapping").
 */
public final class CallTracker {

    /** The detail of a call ended by releaseCall. */
    static final String RELEASED = "released through the API (releaseCall)";
    /** An operator failure told by the channel's hangup alone, without an OriginateResponse. */
    private static final int NO_REASON = -1;

    private CallTracker() {
    }

    /** The outcome of one fact: the call's new progress and the statuses to record, in order (often none). */
    public record Step(CallProgress progress, List<StatusChange> changes) {
        public Step {
            changes = List.copyOf(changes);
        }
    }

    public static Step next(CallProgress progress, Fact fact) {
        if (progress.ended()) {
            return new Step(progress, List.of());
        }
        Transition t = new Transition(progress);
        if (fact instanceof OperatorRinging) {
            t.operatorChannel();
            t.moveFrom(CallStatus.CALL, CallStatus.OPERATOR_CALLTO, "");
        } else if (fact instanceof OperatorAnswered) {
            t.operatorChannel();
            t.operatorAnswered();
        } else if (fact instanceof OriginateFailed failed) {
            t.originateFailed(failed);
        } else if (fact instanceof OriginateNotSent notSent) {
            t.end(CallStatus.ERROR, "originate not sent: " + notSent.why());
        } else if (fact instanceof ChannelCreated created) {
            if (created.leg() == Leg.OPERATOR) {
                t.operatorChannel();
            }
        } else if (fact instanceof HangupCause cause) {
            t.cause(cause.leg(), cause.cause(), cause.sipCode());
        } else if (fact instanceof ChannelGone gone) {
            t.cause(gone.leg(), gone.cause(), gone.sipCode());
            if (gone.leg() == Leg.OPERATOR) {
                t.operatorGone();
            }
        } else if (fact instanceof ClientDialing) {
            t.operatorAnswered();
            t.moveFrom(CallStatus.OPERATOR_PICKUP, CallStatus.CLIENT_CALLTO, "");
        } else if (fact instanceof ClientDialEnded ended) {
            t.clientDialEnded(ended.dialStatus());
        } else if (fact instanceof CallEnded ended) {
            t.callEnded(ended);
        } else if (fact instanceof CallLost lost) {
            t.lost(lost.why());
        } else if (fact instanceof Released) {
            t.released(true);
        } else if (fact instanceof ReleaseNotDone) {
            t.released(false);
        }
        return t.step();
    }

    /** One fact's worth of changes, built up on a copy of the progress. */
    private static final class Transition {
        private CallProgress progress;
        private final List<StatusChange> changes = new ArrayList<>(2);

        Transition(CallProgress progress) {
            this.progress = progress;
        }

        Step step() {
            return new Step(progress, changes);
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
         * A released call ends as the release: FINISH when the client had answered, ERROR otherwise (the legs
         * were hung up on purpose, which no other status says); what Asterisk reported stays in the detail.
         */
        void end(CallStatus status, String detail) {
            if (!progress.released()) {
                emit(status, detail);
            } else if (status == CallStatus.FINISH) {
                emit(status, RELEASED + (detail.isEmpty() ? "" : "; " + detail));
            } else {
                emit(CallStatus.ERROR, RELEASED + " at " + status() + " (Asterisk: " + status
                        + (detail.isEmpty() ? "" : ", " + detail) + ")");
            }
        }

        void released(boolean asked) {
            progress = progress.withReleased(asked);
        }

        void moveFrom(CallStatus from, CallStatus to, String detail) {
            if (status() == from) {
                emit(to, detail);
            }
        }

        void operatorChannel() {
            progress = progress.withOperatorChannel();
        }

        void cause(Leg leg, int cause, String sipCode) {
            progress = progress.withCause(leg, cause, sipCode);
        }

        void operatorAnswered() {
            if (status() == CallStatus.CALL || status() == CallStatus.OPERATOR_CALLTO) {
                emit(CallStatus.OPERATOR_PICKUP, "");
            }
        }

        /** Before the operator answered. Busy and no-answer are told by the reason or by the channel's cause. */
        void originateFailed(OriginateFailed failed) {
            if (!beforeOperatorAnswer()) {
                return;
            }
            if (progress.operatorChannelSeen() && progress.operatorCause() == CallProgress.UNKNOWN
                    && failed.reason() != 3 && failed.reason() != 5) {
                // the operator channel's Hangup, which tells why, is still on its way
                progress = progress.withFailedOriginate(failed);
                return;
            }
            decideOperatorFailure(failed);
        }

        void operatorGone() {
            switch (status()) {
                // the channel's cause decides, whether the OriginateResponse came first, comes later, or
                // never reaches this AMI session (it went to the one that sent the Originate)
                case CALL, OPERATOR_CALLTO -> decideOperatorFailure(progress.failedOriginate() != null
                        ? progress.failedOriginate() : new OriginateFailed(0, NO_REASON, true));
                case OPERATOR_PICKUP -> end(CallStatus.ERROR,
                        "operator hung up before the client was dialled; " + operatorCause());
                case CLIENT_CALLTO -> end(CallStatus.CLIENT_CANCEL,
                        "operator hung up while the client was ringing; " + operatorCause());
                case CLIENT_PICKUP -> end(CallStatus.FINISH, operatorCause());
                default -> {
                }
            }
        }

        private void decideOperatorFailure(OriginateFailed failed) {
            int cause = progress.operatorCause();
            String reason = failed.reason() == NO_REASON ? "" : "OriginateResponse Reason " + failed.reason();
            String detail = cause == CallProgress.UNKNOWN ? reason
                    : reason.isEmpty() ? operatorCause() : reason + "; " + operatorCause();
            if (failed.reason() == 5 || Causes.busy(cause)) {
                end(CallStatus.OPERATOR_BUSY, detail);
            } else if (failed.reason() == 3 || Causes.noAnswer(cause)) {
                end(CallStatus.OPERATOR_NOANSWER, detail);
            } else if (!progress.operatorChannelSeen() || Causes.absent(cause)) {
                end(failed.operatorKnown() ? CallStatus.OPERATOR_OFFLINE : CallStatus.ERROR, failed.operatorKnown()
                        ? detail + "; the operator's device is not registered or not reachable"
                        : detail + "; Asterisk has no such operator endpoint");
            } else {
                end(CallStatus.ERROR, "operator leg failed: " + detail);
            }
        }

        void clientDialEnded(String dialStatus) {
            if (status() == CallStatus.OPERATOR_PICKUP) {
                emit(CallStatus.CLIENT_CALLTO, "");
            }
            if (status() != CallStatus.CLIENT_CALLTO) {
                return;
            }
            String detail = "DIALSTATUS=" + dialStatus + clientCause();
            switch (dialStatus) {
                case "ANSWER" -> emit(CallStatus.CLIENT_PICKUP, detail);
                case "BUSY" -> end(CallStatus.CLIENT_BUSY, detail);
                case "NOANSWER" -> end(Causes.unreachable(progress.clientCause())
                        ? CallStatus.ERROR : CallStatus.CLIENT_NOANSWER, detail);
                case "CANCEL" -> end(CallStatus.CLIENT_CANCEL, detail + "; the operator hung up while the client was ringing");
                default -> end(CallStatus.ERROR, "client leg failed: " + detail);
            }
        }

        /** The dialplan's last word repeats what AMI said, and fills in what it missed. */
        void callEnded(CallEnded ended) {
            operatorChannel();
            if (!ended.error().isEmpty() && status() == CallStatus.OPERATOR_PICKUP) {
                end(CallStatus.ERROR, "dialplan: " + ended.error());
                return;
            }
            operatorAnswered();
            if (!ended.dialStatus().isEmpty()) {
                if (progress.clientCause() == CallProgress.UNKNOWN) {
                    cause(Leg.CLIENT, ended.hangupCause(), "");
                }
                clientDialEnded(ended.dialStatus());
            }
            if (progress.operatorCause() == CallProgress.UNKNOWN) {
                cause(Leg.OPERATOR, ended.hangupCause(), "");
            }
            operatorGone();
        }

        void lost(String why) {
            if (status() == CallStatus.CLIENT_PICKUP) {
                end(CallStatus.FINISH, "ended while " + why + "; the end time is when it was noticed");
            } else {
                end(CallStatus.ERROR, "outcome unknown: ended while " + why);
            }
        }

        private boolean beforeOperatorAnswer() {
            return status() == CallStatus.CALL || status() == CallStatus.OPERATOR_CALLTO;
        }

        private String operatorCause() {
            return "operator " + Causes.describe(progress.operatorCause(), progress.operatorSipCode());
        }

        private String clientCause() {
            return progress.clientCause() == CallProgress.UNKNOWN ? ""
                    : "; client " + Causes.describe(progress.clientCause(), progress.clientSipCode());
        }
    }
}
