package io.callcontrol.ami;

import org.asteriskjava.manager.event.UserEvent;

/**
 * {@code UserEvent: ReplayEnd}, which {@link AmiReplayServer} sends after a transcript's last event. asterisk-java
 * delivers events in order on one thread, so once a listener sees this, it has seen the whole replay: the seam
 * that replaces waiting a fixed time. Register it with {@code registerUserEventClass} before login.
 * Public with a public (Object) constructor because asterisk-java builds it by reflection.
 */
public class ReplayEndEvent extends UserEvent {
    private static final long serialVersionUID = 1L;

    /** The marker as it goes on the wire. */
    static final String MESSAGE = "Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: ReplayEnd\r\n\r\n";

    public ReplayEndEvent(Object source) {
        super(source);
    }
}
