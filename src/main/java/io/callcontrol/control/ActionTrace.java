package io.callcontrol.control;


import java.util.List;

/** Where an action Asterisk accepted is recorded, beside the call's status chain (the store's call_actions). */
public interface ActionTrace {

    /**
     * Records the action; returns its row's id once committed, or 0 when the store could not take it (the action
     * was done all the same: Asterisk accepted it).
     */
    long accepted(long callId, String action, Party party, String channel, String detail);

    /** The actions recorded for a call, oldest first. Runs JDBC: never on an event loop. */
    List<CallAction> ofCall(long callId);
}
