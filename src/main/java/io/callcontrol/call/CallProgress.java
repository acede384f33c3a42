package io.callcontrol.call;

/**
 * Where a call stands, as far as the tracker needs to remember: its last status and the facts that decide a
 * later one (causes arrive before or after the event they explain, depending on the case).
 *
 * @param operatorChannelSeen Asterisk created the operator's channel (not so when it has no contact)
 * @param operatorCause       the operator channel's hangup cause, -1 while unknown
 * @param clientCause         the client channel's hangup cause, -1 while unknown
 * @param failedOriginate     an OriginateResponse Failure waiting for the operator's hangup cause, or null
 * @param released            the CRM asked to release the call: its end is the release
 */
public record CallProgress(
        CallStatus status,
        boolean operatorChannelSeen,
        int operatorCause,
        String operatorSipCode,
        int clientCause,
        String clientSipCode,
        Fact.OriginateFailed failedOriginate,
        boolean released) {

    public static final int UNKNOWN = -1;

    /** A call just accepted: CALL, nothing known yet. */
    public static CallProgress started() {
        return of(CallStatus.CALL);
    }

    /** A call picked up again after a restart, at its stored status. */
    public static CallProgress of(CallStatus status) {
        return new CallProgress(status, status != CallStatus.CALL, UNKNOWN, "", UNKNOWN, "", null, false);
    }

    public boolean ended() {
        return status.isTerminal();
    }

    CallProgress withStatus(CallStatus next) {
        return new CallProgress(next, operatorChannelSeen, operatorCause, operatorSipCode, clientCause, clientSipCode,
                failedOriginate, released);
    }

    CallProgress withOperatorChannel() {
        return new CallProgress(status, true, operatorCause, operatorSipCode, clientCause, clientSipCode, failedOriginate,
                released);
    }

    CallProgress withCause(Leg leg, int cause, String sipCode) {
        String sip = sipCode == null ? "" : sipCode;
        return leg == Leg.OPERATOR
                ? new CallProgress(status, true, cause, sip, clientCause, clientSipCode, failedOriginate, released)
                : new CallProgress(status, operatorChannelSeen, operatorCause, operatorSipCode, cause, sip, failedOriginate,
                        released);
    }

    CallProgress withFailedOriginate(Fact.OriginateFailed failure) {
        return new CallProgress(status, operatorChannelSeen, operatorCause, operatorSipCode, clientCause, clientSipCode,
                failure, released);
    }

    CallProgress withReleased(boolean asked) {
        return new CallProgress(status, operatorChannelSeen, operatorCause, operatorSipCode, clientCause, clientSipCode,
                failedOriginate, asked);
    }
}
