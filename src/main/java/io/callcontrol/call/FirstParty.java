package io.callcontrol.call;

import java.util.Locale;

/**
 * Which party the daemon calls first (makeCall's {@code first}): it is rung on the originated leg, and the other
 * party is dialled once it answers. The statuses follow the parties, so each order has its own chain.
 */
public enum FirstParty {
    /** Ring the operator, then dial the client: CALL, OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_PICKUP. */
    OPERATOR(CallStatus.OPERATOR_CALLTO, CallStatus.OPERATOR_PICKUP,
            CallStatus.CLIENT_CALLTO, CallStatus.CLIENT_PICKUP),
    /** Ring the client, then dial the operator: CALL, CLIENT_CALLTO, CLIENT_PICKUP, OPERATOR_CALLTO, OPERATOR_PICKUP. */
    CLIENT(CallStatus.CLIENT_CALLTO, CallStatus.CLIENT_PICKUP,
            CallStatus.OPERATOR_CALLTO, CallStatus.OPERATOR_PICKUP);

    private final CallStatus ringing;
    private final CallStatus answered;
    private final CallStatus dialling;
    private final CallStatus connected;

    FirstParty(CallStatus ringing, CallStatus answered, CallStatus dialling, CallStatus connected) {
        this.ringing = ringing;
        this.answered = answered;
        this.dialling = dialling;
        this.connected = connected;
    }

    /** The status of the originated leg ringing. */
    public CallStatus ringing() {
        return ringing;
    }

    /** The status of the originated leg answered. */
    public CallStatus answered() {
        return answered;
    }

    /** The status of the second party being dialled. */
    public CallStatus dialling() {
        return dialling;
    }

    /** The status at which both parties are connected: a call that reached it ends in FINISH, with a recording. */
    public CallStatus connected() {
        return connected;
    }

    /** As the API and the store spell it: {@code operator}, {@code client}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The party named by {@link #apiName()}, case-insensitively; null for anything else. */
    public static FirstParty fromApiName(String name) {
        for (FirstParty party : values()) {
            if (party.apiName().equalsIgnoreCase(name)) {
                return party;
            }
        }
        return null;
    }
}
