package io.callcontrol.control;

import io.callcontrol.control.ControlRefusedException.Reason;
import java.util.List;

/**
 * Where a call's recording stands, derived from the {@code record_call} actions in its trace (so it is the same
 * after a restart): recording from the start (the dialplan starts MixMonitor), paused, or stopped. Which actions
 * each state allows, and why the others are refused, is decided here, before anything goes to Asterisk.
 */
enum RecordingState {
    RECORDING, PAUSED, STOPPED;

    /** The trace's action name of recordCall; its detail is the action ({@code pause}, {@code resume}...). */
    static final String ACTION = "record_call";

    /** The state after the call's recorded actions, oldest first. */
    static RecordingState of(List<CallAction> actions) {
        RecordingState state = RECORDING;
        for (CallAction action : actions) {
            if (ACTION.equals(action.action())) {
                state = switch (action.detail()) {
                    case "pause" -> PAUSED;
                    case "resume", "start" -> RECORDING;
                    case "stop" -> STOPPED;
                    default -> state;
                };
            }
        }
        return state;
    }

    /** Refuses {@code action} if this state does not allow it; returns when it does. */
    void allow(RecordAction action, long callId) throws ControlRefusedException {
        String call = "call " + callId + "'s recording ";
        switch (action) {
            case PAUSE -> {
                refuseIf(this == PAUSED, Reason.RECORDING_PAUSED, call + "is paused already");
                refuseIf(this == STOPPED, Reason.RECORDING_STOPPED, call + "is stopped: start it first");
            }
            case RESUME -> {
                refuseIf(this == RECORDING, Reason.RECORDING_NOT_PAUSED, call + "is not paused");
                refuseIf(this == STOPPED, Reason.RECORDING_STOPPED, call + "is stopped: start it, not resume");
            }
            case STOP -> refuseIf(this == STOPPED, Reason.RECORDING_STOPPED, call + "is stopped already");
            case START -> refuseIf(this != STOPPED, Reason.RECORDING_RUNNING, call + "is running ("
                    + (this == PAUSED ? "paused: resume it" : "recording") + "): start is only for a stopped one");
        }
    }

    private static void refuseIf(boolean refused, Reason reason, String why) throws ControlRefusedException {
        if (refused) {
            throw new ControlRefusedException(reason, "action", "action: " + why + "; nothing was done");
        }
    }

}
