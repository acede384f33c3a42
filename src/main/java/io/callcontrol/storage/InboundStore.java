package io.callcontrol.storage;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Direction;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusChange;
import io.callcontrol.call.StatusEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The calls the daemon did not place (io.callcontrol.inbound), on the same single writer as every other write. Such
 * a call is named by its conversation's Linkedid (its channel_id), which the tracker knows before the store has
 * given it an id: its statuses are written by channel id, behind its insert.
 */
public final class InboundStore {

    /** As CallStore.INSERT_CALL; the reserved external key ('#' is in no makeCall key) names the conversation. */
    static final String INSERT_CALL = "INSERT INTO calls (id, external_key, order_id, sip, phone, first,"
            + " channel_id, status, created_at, updated_at, daemon, direction)"
            + " SELECT next.id, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?"
            + " FROM (SELECT COALESCE((SELECT MAX(id) FROM calls), 0) + 1 AS id) AS next WHERE true"
            + " ON CONFLICT DO NOTHING RETURNING id";
    static final String CALL_OF_CHANNEL = "SELECT id FROM calls WHERE channel_id = ?";
    static final String SET_OPERATOR = "UPDATE calls SET sip = ? WHERE id = ? AND sip <> ?";

    private final CallStore store;
    private final Clock clock;

    public InboundStore(CallStore store) {
        this.store = store;
        this.clock = store.clock();
    }

    /**
     * A new call with its first statuses, in one transaction. A conversation stored already (the same Linkedid)
     * inserts nothing: the future then holds null.
     */
    public CompletableFuture<CallRecord> create(String linkedId, Direction direction, String sip, String phone,
            List<StatusChange> changes) {
        Instant now = clock.instant();
        return store.write(s -> {
            PreparedStatement insert = s.prepare(INSERT_CALL);
            String key = direction.apiName() + "#" + linkedId;
            insert.setString(1, key);
            insert.setString(2, sip);
            insert.setString(3, phone);
            insert.setString(4, FirstParty.CLIENT.apiName());
            insert.setString(5, linkedId);
            insert.setString(6, CallStatus.CALL.name());
            insert.setLong(7, now.toEpochMilli());
            insert.setLong(8, now.toEpochMilli());
            insert.setString(9, store.daemon());
            insert.setString(10, direction.apiName());
            long callId;
            try (ResultSet rs = insert.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                callId = rs.getLong(1);
            }
            StatusRows.insert(s, callId, "", changes, now);
            return new CallRecord(callId, "", key, sip, phone, FirstParty.CLIENT, linkedId,
                    changes.get(changes.size() - 1).status(), now, null, direction);
        });
    }

    /** Statuses of the call of a conversation, its operator now {@code sip}; nothing when it is not stored. */
    public CompletableFuture<List<StatusEvent>> append(String linkedId, String sip, List<StatusChange> changes) {
        Instant at = clock.instant();
        return store.write(s -> {
            PreparedStatement select = s.prepare(CALL_OF_CHANNEL);
            select.setString(1, linkedId);
            long callId;
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return List.of();
                }
                callId = rs.getLong(1);
            }
            PreparedStatement update = s.prepare(SET_OPERATOR);
            update.setString(1, sip);
            update.setLong(2, callId);
            update.setString(3, sip);
            update.executeUpdate();
            return StatusRows.insert(s, callId, "", changes, at);
        });
    }
}
