package io.callcontrol.control;

import java.util.List;
import org.asteriskjava.manager.action.ManagerAction;

/** What call control needs of the AMI connection: the live channels, and an action answered. Both block, bounded. */
public interface ControlLink {

    /** Every channel Asterisk has now. */
    List<LiveChannel> channels() throws ControlRefusedException;

    /** Sends the action and waits for Asterisk's answer: returns when it accepted it, throws when it refused. */
    void send(ManagerAction action) throws ControlRefusedException;
}
