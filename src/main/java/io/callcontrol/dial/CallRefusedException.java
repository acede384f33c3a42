package io.callcontrol.dial;

/**
 * Why a call was not placed or not released. Nothing reached Asterisk when this is thrown, except for
 * {@link Reason#ORIGINATE_FAILED} and {@link Reason#NOT_RELEASED}.
 */
public final class CallRefusedException extends Exception {

    public enum Reason {
        /** A parameter is missing or malformed; {@link #parameter()} names it. */
        INVALID_PARAMETER,
        /** The external_key was used before; no second call is placed. */
        DUPLICATE_EXTERNAL_KEY,
        /** No AMI connection to Asterisk right now. */
        ASTERISK_UNAVAILABLE,
        /** The call could not be written to the store, so it was not placed. */
        STORE_UNAVAILABLE,
        /** Asterisk refused the Originate action itself. */
        ORIGINATE_FAILED,
        /** Asterisk could not hang up the call's channel: it has none right now. */
        NOT_RELEASED
    }

    private final Reason reason;
    private final String parameter;

    public CallRefusedException(Reason reason, String parameter, String message) {
        super(message);
        this.reason = reason;
        this.parameter = parameter;
    }

    public CallRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.parameter = null;
    }

    public static CallRefusedException invalid(String parameter, String message) {
        return new CallRefusedException(Reason.INVALID_PARAMETER, parameter, parameter + ": " + message);
    }

    public Reason reason() {
        return reason;
    }

    /** The offending request parameter, or null when the refusal is not about one. */
    public String parameter() {
        return parameter;
    }
}
