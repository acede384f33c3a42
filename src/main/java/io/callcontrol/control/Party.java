package io.callcontrol.control;

import java.util.Locale;

/** The two parties of a call, whichever of them was rung first and however the call started. */
public enum Party {
    OPERATOR, CLIENT;

    /** As the API spells it: {@code operator}, {@code client}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The party a {@code leg} parameter names. */
    public static Party parse(String parameter, String value) throws ControlRefusedException {
        for (Party party : values()) {
            if (party.apiName().equalsIgnoreCase(value)) {
                return party;
            }
        }
        throw ControlRefusedException.invalid(parameter, "must be operator or client, not '" + value + "'");
    }
}
