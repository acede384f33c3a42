package io.callcontrol.storage;

import java.sql.SQLException;

/** The whole batch must be tried again: the store was busy or locked. */
final class BusyException extends Exception {
    private static final long serialVersionUID = 1L;

    BusyException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
