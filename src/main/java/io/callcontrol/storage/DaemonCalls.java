package io.callcontrol.storage;

import io.callcontrol.call.CallRecord;
import io.callcontrol.recording.RecordingDue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The calls by the daemon that follows them (calls.daemon, V9__daemons.sql): what a daemon resumes at its start, and
 * what the leader adopts from a daemon that is gone. Whether a daemon is gone is the store's own word: on PostgreSQL a
 * live daemon holds a session lock keyed on its name (io.callcontrol.cluster.DaemonSession), which the adoption takes
 * for its transaction, so a daemon that is still running (or starting again) keeps its calls; a SQLite store has one
 * daemon, so every other name is gone.
 */
public final class DaemonCalls {

    /** The advisory locks' first key: callcontrol's own, beside any other application's locks. */
    public static final int LOCK_CLASS = 0x63630001;
    /** The second key of a daemon's own lock: its name, within the schema, so stores in two schemas stay apart. */
    public static final String NAME_KEY = "hashtext(current_schema() || '/daemon/' || ?)";

    static final String OPEN_OF = HistoryRows.CALL + " WHERE ended_at IS NULL AND daemon = ? ORDER BY id";
    static final String DUE_OF = "SELECT d.call_id, c.order_id, d.file FROM recordings_due d"
            + " JOIN calls c ON c.id = d.call_id WHERE c.ended_at IS NOT NULL AND c.daemon = ? ORDER BY d.call_id";
    /** Other daemons with work left: open calls, or ended ones whose recording is still due. */
    static final String OTHERS = "SELECT daemon FROM calls WHERE ended_at IS NULL AND daemon <> ?"
            + " UNION SELECT c.daemon FROM recordings_due d JOIN calls c ON c.id = d.call_id WHERE c.daemon <> ?";
    private static final String GONE = "SELECT pg_try_advisory_xact_lock(" + LOCK_CLASS + ", " + NAME_KEY + ")";
    private static final String ADOPT = "UPDATE calls SET daemon = ? WHERE daemon = ?"
            + " AND (ended_at IS NULL OR id IN (SELECT call_id FROM recordings_due))";

    private final Database database;
    private final SqlHistory history;
    private final CallStore store;

    public DaemonCalls(Database database, CallStore store) {
        this.database = database;
        this.history = new SqlHistory(database);
        this.store = store;
    }

    /** The calls in progress that {@code daemon} follows. */
    public List<CallRecord> inProgress(String daemon) {
        return history.list("the calls in progress of " + daemon, OPEN_OF, HistoryRows::call, daemon);
    }

    /** The recordings due of ended calls {@code daemon} followed: what it looks for again after a stop. */
    public List<RecordingDue> recordingsDue(String daemon) {
        return history.list("the recordings due", DUE_OF, rs -> new RecordingDue(rs.getLong(1),
                HistoryRows.text(rs, 2), HistoryRows.text(rs, 3)), daemon);
    }

    /** The names of the other daemons that still have calls open or recordings due; alive or not. */
    public List<String> othersWithWork(String self) {
        return history.list("the daemons with calls open", OTHERS, rs -> rs.getString(1), self, self);
    }

    /**
     * Moves the open calls and due recordings of daemon {@code gone} to this store's daemon, if {@code gone} is not
     * running: completes, committed, with the open calls adopted (none when only recordings were due), or empty when
     * {@code gone} runs. Not done (the future fails) when the store cannot take it within {@code timeout}.
     */
    public CompletableFuture<Optional<List<CallRecord>>> adopt(String gone, Duration timeout) {
        String self = store.daemon();
        return store.writer().submit(s -> {
            if (database.shared() && !unlocked(s, gone)) {
                return Optional.empty();
            }
            PreparedStatement open = s.prepare(OPEN_OF);
            open.setString(1, gone);
            List<CallRecord> calls = new ArrayList<>();
            try (ResultSet rs = open.executeQuery()) {
                while (rs.next()) {
                    calls.add(HistoryRows.call(rs));
                }
            }
            PreparedStatement adopt = s.prepare(ADOPT);
            adopt.setString(1, self);
            adopt.setString(2, gone);
            adopt.executeUpdate();
            return Optional.of(calls);
        }, timeout.toNanos());
    }

    /** Takes the daemon's lock for this transaction: false while the daemon holds it, so runs. */
    private static boolean unlocked(Statements s, String daemon) throws SQLException {
        PreparedStatement lock = s.prepare(GONE);
        lock.setString(1, daemon);
        try (ResultSet rs = lock.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
