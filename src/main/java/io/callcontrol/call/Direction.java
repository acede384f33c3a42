package io.callcontrol.call;

import java.util.Locale;

/**
 * Who started a call: the daemon (makeCall, a schedule), a caller reaching an operator's phone from outside (a trunk,
 * a queue), or the operator dialling from the phone. The other party's number is the call's {@code phone} in each.
 */
public enum Direction {
    OUTBOUND, INBOUND, OPERATOR_DIALLED;

    /** As the API and the store spell it: {@code outbound}, {@code inbound}, {@code operator-dialled}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The direction named by {@link #apiName()}; null for anything else. */
    public static Direction fromApiName(String name) {
        for (Direction direction : values()) {
            if (direction.apiName().equals(name)) {
                return direction;
            }
        }
        return null;
    }
}
