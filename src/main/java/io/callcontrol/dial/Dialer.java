package io.callcontrol.dial;

import io.callcontrol.call.CallRecord;
import io.callcontrol.track.TrackerThread;
import java.util.Optional;

/** Places calls, and releases them while they are in progress. */
public interface Dialer {

    /**
     * Stores the call durably, then sends the Originate. Blocks (JDBC, AMI): never call it on an event loop.
     *
     * @return the stored call, whose {@code callId} the CRM is given
     */
    CallRecord makeCall(CallRequest request) throws CallRefusedException;

    /**
     * Hangs up every leg of a call in progress; the call then ends with the release noted (see the README's status
     * mapping). Blocks for Asterisk's answer to the hangup.
     *
     * @return the call and the status it had when released; empty when no such call is in progress
     */
    Optional<TrackerThread.Releasing> release(long callId) throws CallRefusedException;

    /** The Asterisk server that places the operator's calls ({@code ami.servers}); empty when none, or not known. */
    default Optional<String> serverOf(String sip) {
        return Optional.empty();
    }
}
