package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.Await;
import io.callcontrol.push.LoggedEvent;
import io.callcontrol.testbed.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL's event ids with several writers (plain connections beside the daemon's writer, as a second process
 * would write): ids are committed in the order they are assigned, so a reader of after_id never sees a gap that a
 * slower transaction closes later, and a rolled-back transaction gives its ids back.
 */
@ExtendWith(PostgresServer.class)
class PostgresEventIdsTest {

    private static final StoreKind KIND = StoreKind.POSTGRESQL;

    @TempDir
    Path dir;

    private TestStore t;
    private EventLog log;

    @BeforeEach
    void open() {
        t = TestStore.open(KIND, dir);
        log = new EventLog(t.database);
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aSecondWriterWaitsForTheFirstsCommitBeforeItTakesAnId() throws Exception {
        long first = t.call("key-1", "order-1").callId();
        long second = t.call("key-2", "order-2").callId();
        long before = log.newestId();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = writer(); Connection b = writer()) {
            long idOfA = insertStatus(a, first, "OPERATOR_CALLTO");
            Future<Long> idOfB = pool.submit(() -> {
                long id = insertStatus(b, second, "OPERATOR_CALLTO");
                b.commit();
                return id;
            });
            Await.until(() -> waitingForALock(), Duration.ofSeconds(10), "the second writer waiting for the counter");
            assertThat(log.after(before, 10)).as("nothing is committed yet").isEmpty();

            a.commit();

            assertThat(idOfB.get()).isEqualTo(idOfA + 1);
            assertThat(log.after(before, 10)).extracting(LoggedEvent::id).containsExactly(idOfA, idOfA + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRolledBackTransactionGivesItsIdBack() throws Exception {
        long call = t.call("key-1", "order-1").callId();
        long before = log.newestId();
        try (Connection a = writer()) {
            long taken = insertStatus(a, call, "OPERATOR_CALLTO");
            a.rollback();
            long next = insertStatus(a, call, "OPERATOR_CALLTO");
            a.commit();
            assertThat(next).isEqualTo(taken).isEqualTo(before + 1);
        }
    }

    @Test
    void aTransactionOfManyEventsUpdatesTheCounterRowOnceAtCommitNotOncePerRow() throws Exception {
        int count = 300;
        List<Long> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(t.call("key-" + i, "order-" + i).callId());
        }
        long before = log.newestId();
        try (Connection a = writer()) {
            List<Long> ids = new ArrayList<>();
            for (long call : calls) {
                ids.add(insertStatus(a, call, "OPERATOR_CALLTO"));
                ids.add(insertPresence(a, "201"));
            }
            // each update of the row leaves a version that no one can prune before this transaction ends, and every
            // later event of the transaction scanned them all: a batch of n events cost n^2/2 version visits
            assertThat(counterUpdatesInThisTransaction(a)).as("counter row updates before the commit").isZero();
            a.commit();
            assertThat(ids).containsExactlyElementsOf(
                    LongStream.rangeClosed(before + 1, before + 2L * count).boxed().toList());
        }
        assertThat(t.number("SELECT seq FROM event_ids")).isEqualTo(before + 2L * count);
        assertThat(log.after(before, 1_000)).extracting(LoggedEvent::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(before + 1, before + 2L * count).boxed().toList());
    }

    @Test
    void idsTakenAfterASavepointThatIsRolledBackAreGivenBack() throws Exception {
        long first = t.call("key-1", "order-1").callId();
        long second = t.call("key-2", "order-2").callId();
        long before = log.newestId();
        try (Connection a = writer()) {
            assertThat(insertStatus(a, first, "OPERATOR_CALLTO")).isEqualTo(before + 1);
            var savepoint = a.setSavepoint();
            assertThat(insertStatus(a, second, "OPERATOR_CALLTO")).isEqualTo(before + 2);
            assertThat(insertPresence(a, "201")).isEqualTo(before + 3);
            a.rollback(savepoint);
            assertThat(insertPresence(a, "202")).isEqualTo(before + 2);
            a.commit();
        }
        assertThat(t.number("SELECT seq FROM event_ids")).isEqualTo(before + 2);
        assertThat(log.after(before, 10)).extracting(LoggedEvent::id).containsExactly(before + 1, before + 2);
    }

    @Test
    void aPollerAlongTwoConcurrentWritersSeesEveryIdOnceInOrder() throws Exception {
        int perWriter = 150;
        List<Long> calls = new ArrayList<>();
        for (int i = 0; i < 2 * perWriter; i++) {
            calls.add(t.call("key-" + i, "order-" + i).callId());
        }
        long start = log.newestId();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = List.of(
                    pool.submit(() -> write(calls.subList(0, perWriter), "201")),
                    pool.submit(() -> write(calls.subList(perWriter, 2 * perWriter), "202")));
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                try {
                    for (Future<?> w : writers) {
                        w.get();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    writing.set(false);
                }
            });
            List<Long> seen = new ArrayList<>();
            long cursor = start;
            boolean last = false;
            while (!last) {
                last = !writing.get(); // one more poll after the writers have finished
                for (LoggedEvent e : log.after(cursor, 50)) {
                    seen.add(e.id());
                    cursor = e.id();
                }
            }
            done.join();
            // each writer wrote a status and a presence change (its event position) per call
            long total = 4L * perWriter;
            assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(start + 1, start + total).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One transaction per call: its status, then a presence change, which takes an event position. */
    private Void write(List<Long> calls, String sip) throws SQLException {
        try (Connection c = writer()) {
            int i = 0;
            for (long call : calls) {
                insertStatus(c, call, "OPERATOR_CALLTO");
                try (PreparedStatement s = c.prepareStatement("INSERT INTO operator_events (sip, status,"
                        + " device_state, at) VALUES (?, ?, 'INUSE', 0)")) {
                    s.setString(1, sip);
                    s.setString(2, i++ % 2 == 0 ? "INUSE" : "ONLINE");
                    s.executeUpdate();
                }
                c.commit();
            }
        }
        return null;
    }

    /** A presence change of the operator, which takes the next event id as its webhook position. */
    private static long insertPresence(Connection c, String sip) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO operator_events (sip, status, device_state, at)"
                + " VALUES (?, 'INUSE', 'INUSE', 0) RETURNING id")) {
            s.setString(1, sip);
            ResultSet rs = s.executeQuery();
            rs.next();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id FROM event_positions WHERE operator_event_id = ?")) {
                p.setLong(1, rs.getLong(1));
                try (ResultSet position = p.executeQuery()) {
                    assertThat(position.next()).as("a webhook position").isTrue();
                    return position.getLong(1);
                }
            }
        }
    }

    /** Updates of the event counter row made so far by the connection's open transaction. */
    private static long counterUpdatesInThisTransaction(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT n_tup_upd FROM pg_stat_xact_user_tables"
                + " WHERE relname = 'event_ids' AND schemaname = current_schema()");
             ResultSet rs = s.executeQuery()) {
            assertThat(rs.next()).as("the counter table").isTrue();
            return rs.getLong(1);
        }
    }

    /** A connection of another writer, in its own transactions (READ COMMITTED, as the driver's default). */
    private Connection writer() throws SQLException {
        Connection c = TestStore.connect(KIND, dir);
        c.setAutoCommit(false);
        return c;
    }

    private static long insertStatus(Connection c, long callId, String status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(StatusRows.INSERT_EVENT)) {
            s.setString(1, "order");
            s.setString(2, status);
            s.setLong(3, 0);
            s.setString(4, "");
            s.setLong(5, callId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a status written").isTrue();
                return rs.getLong(1);
            }
        }
    }

    private boolean waitingForALock() {
        return t.number("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND datname = current_database()") > 0;
    }
}
