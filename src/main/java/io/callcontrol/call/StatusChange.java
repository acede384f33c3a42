package io.callcontrol.call;

/** One status the tracker decided, with Asterisk's reason (DIALSTATUS, hangup cause, SIP code) as detail. */
public record StatusChange(CallStatus status, String detail) {
    public StatusChange {
        if (status == null) {
            throw new IllegalArgumentException("status");
        }
        detail = detail == null ? "" : detail;
    }
}
