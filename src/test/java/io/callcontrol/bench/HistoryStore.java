package io.callcontrol.bench;

import io.callcontrol.call.CallStatus;
import io.callcontrol.config.Config;
import io.callcontrol.storage.Database;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A big SQLite store for the history API benchmark: calls of a busy call centre over weeks, their status rows,
 * the recordings of the answered ones, operators and their presence log. The schema is the daemon's own
 * ({@link Database#open} applies the migrations, whose triggers keep the listing sizes in row_counts as the rows
 * go in); the rows go in by batched inserts, one transaction per
 * {@link #ROWS_PER_TRANSACTION} rows, without journal or fsync (a crash while generating only means generating
 * again). Kept between runs: regenerated only when missing or made by another version of this generator or of
 * the schema.
 *
 * <p>Shape, fixed so that requests can pick ids at random: call {@code i} (1-based) belongs to order
 * {@code 1000000 + (i - 1) / 2}; the calls follow {@link #KINDS} in turn; {@link #CONCURRENT} calls run at once,
 * so their status rows interleave as they do in a live store.
 */
final class HistoryStore {

    static final String GENERATOR_VERSION = "2";
    static final int FIRST_ORDER = 1_000_000;
    static final int CALLS_PER_ORDER = 2;
    static final int OPERATORS = 200;
    static final int CONCURRENT = 100;
    private static final int ROWS_PER_TRANSACTION = 500_000;
    private static final long START_MILLIS = 1_760_000_000_000L;

    /** The chains of the generated calls, taken in turn: mostly answered, as in a working call centre. */
    static final List<List<CallStatus>> KINDS = kinds();

    /** What was generated. */
    record Shape(long statuses, long calls, long recordings, long orders) {
    }

    private HistoryStore() {
    }

    /** The store folder for {@code statuses} rows under {@code cache}, generated when missing or stale. */
    static Path ensure(Path cache, long statuses, Results results) throws Exception {
        Path dir = cache.resolve("history-" + statuses);
        Path marker = dir.resolve("generated.txt");
        String stamp = "generator " + GENERATOR_VERSION + "; schema " + schemaStamp() + "; statuses " + statuses;
        if (Files.exists(marker) && Files.readString(marker).equals(stamp)
                && Files.exists(dir.resolve("callcontrol.db"))) {
            results.info("store", "reused " + dir.resolve("callcontrol.db") + " ("
                    + Results.format(Files.size(dir.resolve("callcontrol.db")) / 1e9, 2) + " GB)");
            return dir;
        }
        try (Stream<Path> old = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.createDirectories(dir);
        long started = System.nanoTime();
        Shape shape = generate(dir, statuses);
        // written without fsync: the 1.6 GB would otherwise go to the disk during the measurements that follow
        try (FileChannel file = FileChannel.open(dir.resolve("callcontrol.db"), StandardOpenOption.WRITE)) {
            file.force(true);
        }
        Files.writeString(marker, stamp);
        results.info("store generated", Results.format(shape.statuses(), 0) + " statuses, "
                + Results.format(shape.calls(), 0) + " calls, " + Results.format(shape.recordings(), 0)
                + " recordings, " + Results.format(shape.orders(), 0) + " orders in "
                + Results.format((System.nanoTime() - started) / 1e9, 0) + " s ("
                + Results.format(Files.size(dir.resolve("callcontrol.db")) / 1e9, 2) + " GB)");
        return dir;
    }

    /** The calls needed for about {@code statuses} status rows. */
    static long callsFor(long statuses) {
        long perRound = KINDS.stream().mapToLong(List::size).sum();
        return statuses * KINDS.size() / perRound;
    }

    static String orderOf(long callId) {
        return Long.toString(FIRST_ORDER + (callId - 1) / CALLS_PER_ORDER);
    }

    static List<CallStatus> chainOf(long callId) {
        return KINDS.get((int) ((callId - 1) % KINDS.size()));
    }

    private static Shape generate(Path dir, long statuses) throws Exception {
        Config config = Config.from(Map.of("data.dir", dir.toString()));
        Database.open(config.storage()).close(); // the daemon's schema, by its own migrations
        long calls = callsFor(statuses);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("callcontrol.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
                s.execute("PRAGMA cache_size = -262144");
                s.execute("PRAGMA temp_store = MEMORY");
            }
            c.setAutoCommit(false);
            Shape shape = insert(c, calls);
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
            }
            return shape;
        }
    }

    private static Shape insert(Connection c, long calls) throws SQLException {
        long rows = 0;
        long statuses = 0;
        long recordings = 0;
        try (PreparedStatement call = c.prepareStatement("INSERT INTO calls (id, external_key, order_id, sip, phone,"
                + " channel_id, status, created_at, updated_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement event = c.prepareStatement(
                     "INSERT INTO call_events (call_id, order_id, status, at, detail) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement recording = c.prepareStatement("INSERT INTO recordings (call_id, order_id, file,"
                     + " size_bytes, duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (long first = 1; first <= calls; first += CONCURRENT) {
                long last = Math.min(calls, first + CONCURRENT - 1);
                for (long id = first; id <= last; id++) {
                    List<CallStatus> chain = chainOf(id);
                    long created = createdAt(id);
                    long ended = created + 2_000L * chain.size();
                    call.setLong(1, id);
                    call.setString(2, "crm-" + id);
                    call.setString(3, orderOf(id));
                    call.setString(4, Integer.toString(1000 + (int) (id % OPERATORS)));
                    call.setString(5, "38063" + (1_000_000 + id % 9_000_000) + "0");
                    call.setString(6, "cc-" + id + "-" + String.format("%08x", id * 2_654_435_761L & 0xffffffffL));
                    call.setString(7, chain.get(chain.size() - 1).name());
                    call.setLong(8, created);
                    call.setLong(9, ended);
                    call.setLong(10, ended);
                    call.executeUpdate();
                    rows++;
                }
                for (int step = 0; step < 6; step++) {
                    for (long id = first; id <= last; id++) {
                        List<CallStatus> chain = chainOf(id);
                        if (step >= chain.size()) {
                            continue;
                        }
                        event.setLong(1, id);
                        event.setString(2, orderOf(id));
                        event.setString(3, chain.get(step).name());
                        event.setLong(4, createdAt(id) + 2_000L * step);
                        event.setString(5, detail(chain.get(step), id));
                        event.executeUpdate();
                        statuses++;
                        rows++;
                    }
                }
                if (rows >= ROWS_PER_TRANSACTION) {
                    c.commit();
                    rows = 0;
                }
            }
            // After all statuses: a recording takes the next id of the event sequence, and the cursor checks expect
            // the statuses' ids to run 1, 2, 3...
            for (long id = 1; id <= calls; id++) {
                if (chainOf(id).contains(CallStatus.CLIENT_PICKUP)) {
                    long seconds = 20 + id % 300;
                    recording.setLong(1, id);
                    recording.setString(2, orderOf(id));
                    recording.setString(3, "2025-10-09/" + orderOf(id) + "-" + id + ".wav");
                    recording.setLong(4, 44 + seconds * 16_000);
                    recording.setLong(5, seconds * 1_000);
                    recording.setLong(6, createdAt(id) + 2_000L * 6 + seconds * 1_000);
                    recording.executeUpdate();
                    recordings++;
                    if (++rows >= ROWS_PER_TRANSACTION) {
                        c.commit();
                        rows = 0;
                    }
                }
            }
        }
        operators(c);
        return new Shape(statuses, calls, recordings, (calls + CALLS_PER_ORDER - 1) / CALLS_PER_ORDER);
    }

    private static void operators(Connection c) throws SQLException {
        try (PreparedStatement operator = c.prepareStatement(
                "INSERT INTO operators (sip, status, device_state, since) VALUES (?, ?, ?, ?)");
             PreparedStatement change = c.prepareStatement(
                     "INSERT INTO operator_events (sip, status, device_state, at) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < OPERATORS; i++) {
                String sip = Integer.toString(1000 + i);
                operator.setString(1, sip);
                operator.setString(2, i % 3 == 0 ? "OFFLINE" : "ONLINE");
                operator.setString(3, i % 3 == 0 ? "UNAVAILABLE" : "NOT_INUSE");
                operator.setLong(4, START_MILLIS);
                operator.executeUpdate();
            }
            for (int k = 0; k < OPERATORS * 1_000; k++) {
                change.setString(1, Integer.toString(1000 + k % OPERATORS));
                change.setString(2, k % 2 == 0 ? "INUSE" : "ONLINE");
                change.setString(3, k % 2 == 0 ? "INUSE" : "NOT_INUSE");
                change.setLong(4, START_MILLIS + k * 10_000L);
                change.executeUpdate();
            }
        }
    }

    static long createdAt(long callId) {
        return START_MILLIS + callId * 1_500;
    }

    static String detail(CallStatus status, long callId) {
        return switch (status) {
            case CALL -> "originate to operator " + (1000 + callId % OPERATORS);
            case CLIENT_PICKUP -> "DIALSTATUS=ANSWER";
            case CLIENT_BUSY -> "DIALSTATUS=BUSY; client cause 17 (User busy), SIP 486";
            case CLIENT_NOANSWER -> "DIALSTATUS=NOANSWER";
            case CLIENT_CANCEL -> "DIALSTATUS=CANCEL; the operator hung up while the client was ringing";
            case OPERATOR_BUSY -> "OriginateResponse Reason 0; operator cause 17 (User busy), SIP 486";
            case OPERATOR_NOANSWER -> "OriginateResponse Reason 3; operator cause 19 (No answer), SIP 480";
            case ERROR -> "DIALSTATUS=CONGESTION; client cause 34 (Circuit/channel congestion), SIP 503";
            case FINISH -> "operator cause 16 (Normal Clearing)";
            default -> "";
        };
    }

    /**
     * The schema the daemon's migrations make now (from an empty store in a temporary folder), so a cached store
     * of an older schema is made again.
     */
    private static String schemaStamp() throws Exception {
        Path empty = Files.createTempDirectory("cc-schema");
        try {
            Database.open(Config.from(Map.of("data.dir", empty.toString())).storage()).close();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + empty.resolve("callcontrol.db"));
                 Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master"
                         + " WHERE sql IS NOT NULL ORDER BY name)")) {
                rs.next();
                return Integer.toHexString(rs.getString(1).hashCode());
            }
        } finally {
            try (Stream<Path> files = Files.list(empty)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(empty);
        }
    }

    private static List<List<CallStatus>> kinds() {
        List<CallStatus> answered = List.of(CallStatus.CALL, CallStatus.OPERATOR_CALLTO, CallStatus.OPERATOR_PICKUP,
                CallStatus.CLIENT_CALLTO, CallStatus.CLIENT_PICKUP, CallStatus.FINISH);
        Map<List<CallStatus>, Integer> weights = Map.of(
                answered, 12,
                List.of(CallStatus.CALL, CallStatus.OPERATOR_CALLTO, CallStatus.OPERATOR_PICKUP,
                        CallStatus.CLIENT_CALLTO, CallStatus.CLIENT_BUSY), 2,
                List.of(CallStatus.CALL, CallStatus.OPERATOR_CALLTO, CallStatus.OPERATOR_PICKUP,
                        CallStatus.CLIENT_CALLTO, CallStatus.CLIENT_NOANSWER), 1,
                List.of(CallStatus.CALL, CallStatus.OPERATOR_BUSY), 2,
                List.of(CallStatus.CALL, CallStatus.OPERATOR_CALLTO, CallStatus.OPERATOR_NOANSWER), 1,
                List.of(CallStatus.CALL, CallStatus.OPERATOR_PICKUP, CallStatus.CLIENT_CALLTO,
                        CallStatus.CLIENT_CANCEL), 1,
                List.of(CallStatus.CALL, CallStatus.OPERATOR_CALLTO, CallStatus.OPERATOR_PICKUP,
                        CallStatus.CLIENT_CALLTO, CallStatus.ERROR), 1);
        // a fixed order (Map.of has none): by chain length, then name
        return weights.entrySet().stream()
                .sorted((a, b) -> a.getKey().size() != b.getKey().size() ? b.getKey().size() - a.getKey().size()
                        : a.getKey().toString().compareTo(b.getKey().toString()))
                .flatMap(e -> Stream.generate(e::getKey).limit(e.getValue()))
                .collect(Collectors.toUnmodifiableList());
    }
}
