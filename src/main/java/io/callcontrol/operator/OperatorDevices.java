package io.callcontrol.operator;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Asterisk devices are operators' phones (those matching operator.channel, e.g. PJSIP/{sip}), what
 * their presence is, and which devices Asterisk has told of at all. Thread-safe.
 */
public final class OperatorDevices {

    private final Pattern operatorDevice;
    /** Each device Asterisk told a state for (lower-cased name), with the last state told. */
    private final Map<String, String> states = new ConcurrentHashMap<>();

    /** @param operatorChannel the operator.channel template, e.g. {@code PJSIP/{sip}} */
    public OperatorDevices(String operatorChannel) {
        int at = operatorChannel.indexOf("{sip}");
        this.operatorDevice = Pattern.compile(Pattern.quote(operatorChannel.substring(0, at)) + "([0-9]{1,20})"
                + Pattern.quote(operatorChannel.substring(at + "{sip}".length())));
    }

    /** The operator's sip of a device name, or null when the device is not an operator's phone. */
    public String sipOf(String device) {
        if (device == null) {
            return null;
        }
        Matcher m = operatorDevice.matcher(device);
        return m.matches() ? m.group(1) : null;
    }

    /**
     * The operator's sip of a channel name ({@code PJSIP/1000-0000002a}: the device, a dash and Asterisk's sequence
     * number), or null when the channel is not on an operator's phone.
     */
    public String sipOfChannel(String channel) {
        int dash = channel == null ? -1 : channel.lastIndexOf('-');
        return dash < 0 ? null : sipOf(channel.substring(0, dash));
    }

    /** Remembers that Asterisk has this device (it sent a state for it), and the state it sent. */
    public void seen(String device, String state) {
        states.put(device.toLowerCase(Locale.ROOT), state == null ? "" : state.toUpperCase(Locale.ROOT));
    }

    public boolean known(String device) {
        return device != null && states.containsKey(device.toLowerCase(Locale.ROOT));
    }

    /** The last state Asterisk told for this device is UNAVAILABLE: nothing registered that could ring. */
    public boolean unavailable(String device) {
        return device != null && "UNAVAILABLE".equals(states.get(device.toLowerCase(Locale.ROOT)));
    }

    /** Asterisk's device state (DeviceStateChange) as an operator's presence. */
    public static OperatorStatus presence(String deviceState) {
        return switch (deviceState == null ? "" : deviceState.toUpperCase(Locale.ROOT)) {
            case "NOT_INUSE" -> OperatorStatus.ONLINE;
            case "INUSE", "BUSY", "RINGING", "RINGINUSE", "ONHOLD" -> OperatorStatus.INUSE;
            default -> OperatorStatus.OFFLINE;
        };
    }
}
