package io.callcontrol.storage;

import io.callcontrol.control.CallAction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The trace of call control beside the status chain: an accepted action is written through the store's one writer
 * (so it is in commit order with the call's statuses), and read back per call, oldest first.
 */
public final class CallActions {

    static final String INSERT = "INSERT INTO call_actions (call_id, action, party, channel, detail, at)"
            + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
    static final String OF_CALL = "SELECT id, call_id, action, party, channel, detail, at FROM call_actions"
            + " WHERE call_id = ? ORDER BY id";

    private final CallStore store;
    private final SqlHistory history;
    private final Clock clock;

    public CallActions(CallStore store, SqlHistory history, Clock clock) {
        this.store = store;
        this.history = history;
        this.clock = clock;
    }

    /** Records an action Asterisk accepted; completes once committed. */
    public CompletableFuture<CallAction> append(long callId, String action, String party, String channel,
            String detail) {
        Instant at = clock.instant();
        return store.write(s -> {
            PreparedStatement insert = s.prepare(INSERT);
            insert.setLong(1, callId);
            insert.setString(2, action);
            insert.setString(3, party);
            insert.setString(4, channel);
            insert.setString(5, detail);
            insert.setLong(6, at.toEpochMilli());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return new CallAction(rs.getLong(1), callId, action, party, channel, detail, at);
            }
        });
    }

    /** The actions of one call, oldest first. Runs JDBC: never on an event loop. */
    public List<CallAction> ofCall(long callId) {
        return history.list("the actions of call " + callId, OF_CALL, CallActions::action, callId);
    }

    private static CallAction action(ResultSet rs) throws SQLException {
        return new CallAction(rs.getLong(1), rs.getLong(2), HistoryRows.text(rs, 3), HistoryRows.text(rs, 4),
                HistoryRows.text(rs, 5), HistoryRows.text(rs, 6), Instant.ofEpochMilli(rs.getLong(7)));
    }
}
