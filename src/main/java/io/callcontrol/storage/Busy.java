package io.callcontrol.storage;

import java.sql.SQLException;

/** Whether a failure only means "someone else holds the store right now": worth trying again. */
final class Busy {

    /** SQLITE_BUSY and SQLITE_LOCKED, and their extended codes (primary code in the low byte). */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    /** PostgreSQL: serialization failure, deadlock, lock not available. */
    private static final String[] RETRY_STATES = {"40001", "40P01", "55P03"};

    private Busy() {
    }

    static boolean is(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sqlite(sql) || postgres(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sqlite(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED
                || (e.getMessage() != null && (e.getMessage().contains("SQLITE_BUSY") || e.getMessage().contains("SQLITE_LOCKED")));
    }

    private static boolean postgres(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        for (String retry : RETRY_STATES) {
            if (retry.equals(state)) {
                return true;
            }
        }
        return false;
    }
}
