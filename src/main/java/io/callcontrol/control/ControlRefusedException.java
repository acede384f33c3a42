package io.callcontrol.control;

/** Why a call-control action was not done; nothing was changed on the call. */
public final class ControlRefusedException extends Exception {

    public enum Reason {
        /** A parameter is wrong; {@link #parameter()} names it. */
        INVALID_PARAMETER,
        /** No call has this call_id. */
        UNKNOWN_CALL,
        /** The call has its terminal status already. */
        CALL_ENDED,
        /** The call is in progress but Asterisk has no channel of the party asked for (not dialled yet, or gone). */
        LEG_NOT_PRESENT,
        /** recordCall pause: the recording is paused already. */
        RECORDING_PAUSED,
        /** recordCall resume: the recording is not paused. */
        RECORDING_NOT_PAUSED,
        /** recordCall pause, resume or stop: the recording is stopped. */
        RECORDING_STOPPED,
        /** recordCall start: the recording runs (recording or paused); start is only for a stopped one. */
        RECORDING_RUNNING,
        /** Asterisk answered the action with an error. */
        ASTERISK_REFUSED,
        /** No AMI connection, or Asterisk did not answer in time. */
        ASTERISK_UNAVAILABLE
    }

    private final Reason reason;
    private final String parameter;

    public ControlRefusedException(Reason reason, String parameter, String message) {
        // no stack trace: an ordinary answer to the CRM, not a failure to debug
        super(message, null, false, false);
        this.reason = reason;
        this.parameter = parameter;
    }

    static ControlRefusedException invalid(String parameter, String why) {
        return new ControlRefusedException(Reason.INVALID_PARAMETER, parameter, parameter + ": " + why);
    }

    static ControlRefusedException of(Reason reason, String message) {
        return new ControlRefusedException(reason, null, message);
    }

    public Reason reason() {
        return reason;
    }

    /** The offending parameter, or null. */
    public String parameter() {
        return parameter;
    }
}
