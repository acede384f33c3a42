package io.callcontrol.call;

import io.callcontrol.call.Fact.OriginateFailed;

/** Operator first: the operator's phone is originated, the client is dialled once the operator answers. */
final class OperatorFirst extends Transition {

    OperatorFirst(CallProgress progress) {
        super(progress);
    }

    @Override
    void originatedFailed(OriginateFailed failed, String detail) {
        int cause = progress.originatedCause();
        if (failed.reason() == 5 || Causes.busy(cause)) {
            end(CallStatus.OPERATOR_BUSY, detail);
        } else if (failed.reason() == 3 || Causes.noAnswer(cause)) {
            end(CallStatus.OPERATOR_NOANSWER, detail);
        } else if (!progress.originatedChannelSeen() || Causes.absent(cause)) {
            end(failed.endpointKnown() ? CallStatus.OPERATOR_OFFLINE : CallStatus.ERROR, !failed.endpointKnown()
                    ? detail + "; Asterisk has no such operator endpoint"
                    : failed.deviceUnavailable() && !progress.originatedChannelSeen()
                    ? detail + "; the operator's device is UNAVAILABLE: not registered or not reachable"
                    : detail + "; the operator's device is not registered or not reachable");
        } else {
            end(CallStatus.ERROR, "operator leg failed: " + detail);
        }
    }

    @Override
    void dialFailed(String dialStatus, String detail) {
        switch (dialStatus) {
            case "BUSY" -> end(CallStatus.CLIENT_BUSY, detail);
            case "NOANSWER" -> end(Causes.unreachable(progress.dialledCause())
                    ? CallStatus.ERROR : CallStatus.CLIENT_NOANSWER, detail);
            case "CANCEL" -> end(CallStatus.CLIENT_CANCEL,
                    detail + "; the operator hung up while the client was ringing");
            default -> end(CallStatus.ERROR, "client leg failed: " + detail);
        }
    }

    @Override
    void originatedGoneAfterAnswer() {
        if (status() == CallStatus.OPERATOR_PICKUP) {
            // a Dial that cannot even start (no such client endpoint) hangs the operator up with its cause
            end(CallStatus.ERROR, Causes.hungUp(progress.originatedCause())
                    ? "operator hung up before the client was dialled; " + originatedCause()
                    : "the client could not be dialled; " + originatedCause());
        } else if (status() == CallStatus.CLIENT_CALLTO) {
            end(CallStatus.CLIENT_CANCEL, "operator hung up while the client was ringing; " + originatedCause());
        }
    }
}

/**
 * Client first: the client's phone is originated, the operator is dialled once the client answers. A client
 * who hangs up before the operator picks up is CLIENT_CANCEL, as the contract defines it.
 */
