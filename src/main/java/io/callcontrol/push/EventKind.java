package io.callcontrol.push;

import io.callcontrol.call.CallStatus;

/**
 * What an event means to a CRM, as one bit of a mask: a subscriber asks for the kinds it wants by their sum
 * ({@code kinds=12}: answered and finished). Every status belongs to exactly one kind.
 */
public enum EventKind {
    /** The operator's phone is called: CALL, OPERATOR_CALLTO. */
    INCOMING(1),
    /** The operator answered and the client is dialled: OPERATOR_PICKUP, CLIENT_CALLTO. */
    OUTGOING(2),
    /** The client picked up and is connected with the operator: CLIENT_PICKUP. */
    ANSWERED(4),
    /** The call ended: every terminal status. */
    FINISHED(8),
    /** The call's recording can be fetched. */
    RECORDING(16),
    /** An operator's presence changed. */
    PRESENCE(32);

    /** Every kind. */
    public static final int ALL = 63;

    private final int bit;

    EventKind(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** Whether this kind is in {@code mask}. */
    public boolean in(int mask) {
        return (mask & bit) != 0;
    }

    public static EventKind of(LoggedEvent event) {
        if (event instanceof LoggedEvent.Status status) {
            return of(status.event().status());
        }
        return event instanceof LoggedEvent.RecordingReady ? RECORDING : PRESENCE;
    }

    public static EventKind of(CallStatus status) {
        if (status.isTerminal()) {
            return FINISHED;
        }
        return switch (status) {
            case CALL, OPERATOR_CALLTO -> INCOMING;
            case OPERATOR_PICKUP, CLIENT_CALLTO -> OUTGOING;
            case CLIENT_PICKUP -> ANSWERED;
            default -> throw new IllegalArgumentException(status + " is terminal");
        };
    }
}
