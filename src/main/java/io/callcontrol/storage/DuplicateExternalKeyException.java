package io.callcontrol.storage;

import java.sql.SQLException;

/** makeCall's external_key was used before: no second call. */
public final class DuplicateExternalKeyException extends SQLException {
    private final long existingCallId;

    public DuplicateExternalKeyException(String externalKey, long existingCallId) {
        super("external_key '" + externalKey + "' was already used by call " + existingCallId);
        this.existingCallId = existingCallId;
    }

    public long existingCallId() {
        return existingCallId;
    }
}
