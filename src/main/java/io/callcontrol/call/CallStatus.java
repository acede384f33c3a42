package io.callcontrol.call;

/**
 * The status chain of a call (DESIGN: CALL → OPERATOR_* → CLIENT_* → FINISH/ERROR).
 * A call passes through each status at most once and ends in exactly one terminal status.
 */
public enum CallStatus {
    /** Call accepted, Originate sent. */
    CALL(false),
    /** The operator's phone is ringing. */
    OPERATOR_CALLTO(false),
    /** The operator answered. */
    OPERATOR_PICKUP(false),
    OPERATOR_NOANSWER(true),
    OPERATOR_BUSY(true),
    /** The operator's device is not registered or not reachable. */
    OPERATOR_OFFLINE(true),
    /** The client is being dialled. */
    CLIENT_CALLTO(false),
    /** The client answered and is connected with the operator. */
    CLIENT_PICKUP(false),
    CLIENT_NOANSWER(true),
    CLIENT_BUSY(true),
    /** The client was not connected because the operator side gave up first (Asterisk's DIALSTATUS CANCEL). */
    CLIENT_CANCEL(true),
    /** Failure in the process; the detail says which. */
    ERROR(true),
    /** A connected call ended normally (only after CLIENT_PICKUP). */
    FINISH(true);

    private final boolean terminal;

    CallStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
