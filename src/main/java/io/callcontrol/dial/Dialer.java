package io.callcontrol.dial;

import io.callcontrol.storage.CallRecord;

/** Places operator-first calls. */
public interface Dialer {

    /**
     * Stores the call durably, then sends the Originate. Blocks (JDBC, AMI): never call it on an event loop.
     *
     * @return the stored call, whose {@code callId} the CRM is given
     */
    CallRecord makeCall(CallRequest request) throws CallRefusedException;
}
