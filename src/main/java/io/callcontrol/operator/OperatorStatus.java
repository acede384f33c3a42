package io.callcontrol.operator;

import java.util.Locale;

/** An operator's presence as sipList reports it. */
public enum OperatorStatus {
    OFFLINE, ONLINE, INUSE;

    /** The API's spelling: {@code offline}, {@code online}, {@code inuse}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API's spelling; null when it is none of them. */
    public static OperatorStatus fromApiName(String name) {
        for (OperatorStatus status : values()) {
            if (status.apiName().equals(name)) {
                return status;
            }
        }
        return null;
    }
}
