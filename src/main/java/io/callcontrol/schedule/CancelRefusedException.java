package io.callcontrol.schedule;

/** A cancel that comes too late: the schedule is done, or its last attempt has started. Nothing was changed. */
public final class CancelRefusedException extends Exception {

    public CancelRefusedException(String message) {
        super(message);
    }
}
