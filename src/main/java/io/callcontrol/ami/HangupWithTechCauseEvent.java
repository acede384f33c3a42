package io.callcontrol.ami;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.HangupEvent;

/** Asterisk 22's Hangup with TechCause (the SIP code, since 22.7), which asterisk-java does not map. */
@AsteriskMapping("Hangup")
public class HangupWithTechCauseEvent extends HangupEvent {
    private static final long serialVersionUID = 1L;
    private String techCause;

    public HangupWithTechCauseEvent(Object source) {
        super(source);
    }

    public String getTechCause() {
        return techCause;
    }

    public void setTechCause(String techCause) {
        this.techCause = techCause;
    }
}
