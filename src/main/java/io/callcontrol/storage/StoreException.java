package io.callcontrol.storage;

/** The store cannot do what was asked (unreachable, read-only, full disk, corrupt). */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
