package io.callcontrol.control;

import java.util.Locale;

/**
 * How a supervisor takes part in a call ({@code spyCall}'s {@code mode}), as Asterisk's ChanSpy options: always
 * quiet ({@code q}: no beep, no channel name read out) and ending when the operator's channel does ({@code E}).
 */
public enum SpyMode {
    /** The supervisor hears both parties; nobody hears the supervisor. */
    LISTEN("qE"),
    /** As listen, and the operator (only) hears the supervisor. */
    WHISPER("qEw"),
    /** The supervisor hears and is heard by both parties. */
    BARGE("qEB");

    private final String options;

    SpyMode(String options) {
        this.options = options;
    }

    /** ChanSpy's options for this mode. */
    String options() {
        return options;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code value} (listen, whisper, barge); listen when absent. */
    public static SpyMode parse(String parameter, String value) throws ControlRefusedException {
        if (value == null) {
            return LISTEN;
        }
        for (SpyMode mode : values()) {
            if (mode.apiName().equals(value)) {
                return mode;
            }
        }
        throw ControlRefusedException.invalid(parameter, "'" + value + "' is not a mode: listen, whisper or barge");
    }
}
