package io.callcontrol.ami;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;

/**
 * DeviceStateChange as DeviceStateList sends it, with an ActionID that asterisk-java's class cannot take
 * (it would log a warning per device on every login).
 */
@AsteriskMapping("DeviceStateChange")
public class DeviceStateChangeWithActionIdEvent extends DeviceStateChangeEvent {
    private static final long serialVersionUID = 1L;
    private String actionId;

    public DeviceStateChangeWithActionIdEvent(Object source) {
        super(source);
    }

    public String getActionId() {
        return actionId;
    }

    public void setActionId(String actionId) {
        this.actionId = actionId;
    }
}
