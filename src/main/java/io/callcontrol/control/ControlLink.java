package io.callcontrol.control;

import java.util.List;
import org.asteriskjava.manager.action.ManagerAction;

/** What call control needs of the AMI connections: the live channels, and an action answered. Both block, bounded. */
public interface ControlLink {

    /**
     * Every channel Asterisk has now: on the server that places operator {@code sip}'s calls, or, for a null sip, on
     * every server that is connected.
     */
    List<LiveChannel> channels(String sip) throws ControlRefusedException;

    /**
     * Sends the action to the server that places operator {@code sip}'s calls and waits for Asterisk's answer:
     * returns when it accepted it, throws when it refused.
     */
    void send(String sip, ManagerAction action) throws ControlRefusedException;
}
