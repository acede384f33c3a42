package io.callcontrol.control;

import java.util.Locale;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.MixMonitorAction;
import org.asteriskjava.manager.action.MixMonitorMuteAction;
import org.asteriskjava.manager.action.StopMixMonitorAction;

/**
 * What {@code recordCall} does to the call's recording, and the AMI action that does it on the originated channel
 * (where the dialplan started MixMonitor): pause and resume mute and unmute it in both directions, so MixMonitor
 * writes silence meanwhile and the file keeps the call's length; stop closes the file; start (only after a stop)
 * appends to the same file.
 */
public enum RecordAction {
    PAUSE, RESUME, STOP, START;

    /** MixMonitor's options for start: append to the call's file ({@code a}), record only while bridged ({@code b}). */
    static final String APPEND_WHILE_BRIDGED = "ab";

    /** As the API spells it, and as callActions' detail has it: {@code pause}, {@code resume}... */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action named {@code value}, exactly as the API spells it; anything else is refused. */
    public static RecordAction parse(String parameter, String value) throws ControlRefusedException {
        if (value == null) {
            throw ControlRefusedException.invalid(parameter, "is required: pause, resume, stop or start");
        }
        for (RecordAction action : values()) {
            if (action.apiName().equals(value)) {
                return action;
            }
        }
        throw ControlRefusedException.invalid(parameter, "'" + printable(value)
                + "' is not a recording action: pause, resume, stop or start");
    }

    /**
     * The AMI action on {@code channel} (a name Asterisk gave, never text from the CRM); {@code file} is the call's
     * recording, relative to Asterisk's monitor folder, as the daemon named it for the dialplan.
     */
    ManagerAction ami(String channel, String file) {
        return switch (this) {
            case PAUSE -> new MixMonitorMuteAction(channel, "both", 1);
            case RESUME -> new MixMonitorMuteAction(channel, "both", 0);
            case STOP -> new StopMixMonitorAction(channel);
            case START -> new MixMonitorAction(channel, file, APPEND_WHILE_BRIDGED);
        };
    }

    private static String printable(String value) {
        StringBuilder shown = new StringBuilder();
        for (char c : value.substring(0, Math.min(value.length(), 20)).toCharArray()) {
            shown.append(c < ' ' || c > '~' ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return value.length() > 20 ? shown + "..." : shown.toString();
    }
}
