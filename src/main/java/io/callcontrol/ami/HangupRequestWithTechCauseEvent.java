package io.callcontrol.ami;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.HangupRequestEvent;

/** Asterisk 22's HangupRequest with TechCause (the SIP code), which asterisk-java does not map. */
@AsteriskMapping("HangupRequest")
public class HangupRequestWithTechCauseEvent extends HangupRequestEvent {
    private static final long serialVersionUID = 1L;
    private String techCause;

    public HangupRequestWithTechCauseEvent(Object source) {
        super(source);
    }

    public String getTechCause() {
        return techCause;
    }

    public void setTechCause(String techCause) {
        this.techCause = techCause;
    }
}
