package io.callcontrol.call;

import io.callcontrol.call.Fact.OriginateFailed;

final class ClientFirst extends Transition {

    ClientFirst(CallProgress progress) {
        super(progress);
    }

    @Override
    void originatedFailed(OriginateFailed failed, String detail) {
        int cause = progress.originatedCause();
        if (failed.reason() == 5 || Causes.busy(cause)) {
            end(CallStatus.CLIENT_BUSY, detail);
        } else if ((failed.reason() == 3 || Causes.noAnswer(cause)) && !Causes.unreachable(cause)) {
            end(CallStatus.CLIENT_NOANSWER, detail);
        } else {
            end(CallStatus.ERROR, "client leg failed: " + detail);
        }
    }

    @Override
    void dialFailed(String dialStatus, String detail) {
        switch (dialStatus) {
            case "BUSY" -> end(CallStatus.OPERATOR_BUSY, detail);
            case "NOANSWER" -> end(CallStatus.OPERATOR_NOANSWER, detail);
            case "CHANUNAVAIL" -> end(CallStatus.OPERATOR_OFFLINE,
                    detail + "; the operator's device is not registered or not reachable");
            case "CANCEL" -> end(CallStatus.CLIENT_CANCEL,
                    detail + "; the client hung up while the operator was ringing");
            default -> end(CallStatus.ERROR, "operator leg failed: " + detail);
        }
    }

    /**
     * Before the operator's phone rang, the client's channel going with a cause other than a hangup means the
     * Dial could not even start: an operator without a registered phone gives cause 3 or 20, not a ring.
     */
    @Override
    void originatedGoneAfterAnswer() {
        int cause = progress.originatedCause();
        if (status() == CallStatus.CLIENT_PICKUP && Causes.hungUp(cause)) {
            end(CallStatus.CLIENT_CANCEL, "client hung up before the operator was dialled; " + originatedCause());
        } else if (status() == CallStatus.CLIENT_PICKUP) {
            String detail = "the operator could not be dialled; " + originatedCause();
            if (Causes.busy(cause)) {
                end(CallStatus.OPERATOR_BUSY, detail);
            } else if (Causes.absent(cause)) {
                end(CallStatus.OPERATOR_OFFLINE,
                        detail + "; the operator's device is not registered or not reachable");
            } else {
                end(CallStatus.ERROR, detail);
            }
        } else if (status() == CallStatus.OPERATOR_CALLTO) {
            end(CallStatus.CLIENT_CANCEL, "client hung up while the operator was ringing; " + originatedCause());
        }
    }
}
