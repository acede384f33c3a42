package io.callcontrol.call;

/**
 * Something Asterisk told about a call, from AMI or from the dialplan's AGI hooks, already tied to its call.
 * The same fact may arrive twice (AMI and AGI, or replayed after a reconnect); the tracker makes that harmless.
 */
public sealed interface Fact {

    long callId();

    /** The originated leg's phone rings (Newstate Ringing on the originated channel). */
    record Ringing(long callId) implements Fact {
    }

    /** The originated leg answered (Newstate Up, OriginateResponse Success). */
    record Answered(long callId) implements Fact {
    }

    /**
     * The context the answered originated channel enters ran its hook (AGI operator-answered or client-answered).
     * Unlike AMI's {@link Answered} it counts only for a leg AMI has seen start.
     */
    record DialplanAnswered(long callId) implements Fact {
    }

    /**
     * The Originate failed (OriginateResponse Failure). {@code reason} is Asterisk's: 0 other (including no
     * contact), 1 hung up, 3 no answer, 5 busy, 8 congestion. {@code endpointKnown}: Asterisk has the originated
     * leg's endpoint (it told a device state for it). {@code deviceUnavailable}: the last state Asterisk told for it
     * is UNAVAILABLE (no contact registered, or its qualify failed), so it cannot have rung.
     */
    record OriginateFailed(long callId, int reason, boolean endpointKnown, boolean deviceUnavailable)
            implements Fact {
    }

    /**
     * The wait after an unclear OriginateResponse ({@link OriginateFailed} other than Reason 3 or 5) is over: the
     * originated channel's hangup cause, which would tell why, did not come within {@code waitedMillis}. Asterisk
     * sends the OriginateResponse straight to the AMI session but the channel's own events through its message
     * bus, so under load they can come well after it; only once this wait is over may the reason alone decide.
     */
    record VerdictDue(long callId, long waitedMillis) implements Fact {
    }

    /** The Originate action never reached Asterisk, or Asterisk refused it outright. */
    record OriginateNotSent(long callId, String why) implements Fact {
    }

    /** A leg's channel exists (Newchannel). */
    record ChannelCreated(long callId, Leg leg) implements Fact {
    }

    /** A hangup cause is known for a leg (HangupRequest), before the channel is gone. */
    record HangupCause(long callId, Leg leg, int cause, String sipCode) implements Fact {
    }

    /** A leg's channel is gone (Hangup), with its Q.850 cause and SIP code (TechCause, may be empty). */
    record ChannelGone(long callId, Leg leg, int cause, String sipCode) implements Fact {
    }

    /** The originated channel started dialling the other party (DialBegin). */
    record DialBegan(long callId) implements Fact {
    }

    /** The Dial of the other party ended (DialEnd): ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL... */
    record DialEnded(long callId, String dialStatus) implements Fact {
    }

    /**
     * The originated channel's hangup handler reported the end (AGI call-ended): DIALSTATUS (empty if the other
     * party was never dialled), HANGUPCAUSE, and the dialplan's own error, if any.
     */
    record CallEnded(long callId, String dialStatus, int hangupCause, String error) implements Fact {
    }

    /**
     * The CRM asked to release the call (releaseCall): its first leg is being hung up, so the end that follows is
     * the release, not a failure of a leg.
     */
    record Released(long callId) implements Fact {
    }

    /** Asterisk could not hang up the call's channel (it had none yet, or no longer): the release did not happen. */
    record ReleaseNotDone(long callId) implements Fact {
    }

    /** The call's channels are gone and nobody saw how it ended (events lost while AMI was down). */
    record CallLost(long callId, String why) implements Fact {
    }
}
