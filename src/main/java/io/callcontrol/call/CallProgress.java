package io.callcontrol.call;

/**
 * Where a call stands, as far as the tracker needs to remember: its order of parties, its last status and the
 * facts that decide a later one (causes arrive before or after the event they explain, depending on the case).
 *
 * @param first                 the party rung on the originated leg
 * @param originatedChannelSeen Asterisk created the originated channel (not so when its endpoint has no contact)
 * @param originatedCause       the originated channel's hangup cause, -1 while unknown
 * @param dialledCause          the dialled channel's hangup cause, -1 while unknown
 * @param failedOriginate       an OriginateResponse Failure waiting for the originated channel's cause, or null
 * @param released              the CRM asked to release the call: its end is the release
 */
public record CallProgress(
        FirstParty first,
        CallStatus status,
        boolean originatedChannelSeen,
        int originatedCause,
        String originatedSipCode,
        int dialledCause,
        String dialledSipCode,
        Fact.OriginateFailed failedOriginate,
        boolean released) {

    public static final int UNKNOWN = -1;

    /** A call just accepted: CALL, nothing known yet. */
    public static CallProgress started(FirstParty first) {
        return of(first, CallStatus.CALL);
    }

    /** A call picked up again after a restart, at its stored status. */
    public static CallProgress of(FirstParty first, CallStatus status) {
        return new CallProgress(first, status, status != CallStatus.CALL, UNKNOWN, "", UNKNOWN, "", null, false);
    }

    public boolean ended() {
        return status.isTerminal();
    }

    CallProgress withStatus(CallStatus next) {
        return new CallProgress(first, next, originatedChannelSeen, originatedCause, originatedSipCode, dialledCause,
                dialledSipCode, failedOriginate, released);
    }

    CallProgress withOriginatedChannel() {
        return new CallProgress(first, status, true, originatedCause, originatedSipCode, dialledCause, dialledSipCode,
                failedOriginate, released);
    }

    CallProgress withCause(Leg leg, int cause, String sipCode) {
        String sip = sipCode == null ? "" : sipCode;
        return leg == Leg.ORIGINATED
                ? new CallProgress(first, status, true, cause, sip, dialledCause, dialledSipCode, failedOriginate,
                        released)
                : new CallProgress(first, status, originatedChannelSeen, originatedCause, originatedSipCode, cause, sip,
                        failedOriginate, released);
    }

    CallProgress withFailedOriginate(Fact.OriginateFailed failure) {
        return new CallProgress(first, status, originatedChannelSeen, originatedCause, originatedSipCode, dialledCause,
                dialledSipCode, failure, released);
    }

    CallProgress withReleased(boolean asked) {
        return new CallProgress(first, status, originatedChannelSeen, originatedCause, originatedSipCode, dialledCause,
                dialledSipCode, failedOriginate, asked);
    }
}
