package io.callcontrol.ami;

import org.asteriskjava.manager.action.AbstractManagerAction;

/** AMI DeviceStateList: Asterisk answers with one DeviceStateChange per device (asterisk-java lacks it). */
public final class DeviceStateListAction extends AbstractManagerAction {
    private static final long serialVersionUID = 1L;

    @Override
    public String getAction() {
        return "DeviceStateList";
    }
}
