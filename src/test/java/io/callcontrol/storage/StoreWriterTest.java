package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

@BothStores
class StoreWriterTest {

    @Parameter
    StoreKind kind;

    private static final String INSERT =
            "INSERT INTO operators (sip, status, device_state, since) VALUES (?, 'FREE', 'NOT_INUSE', 0)";

    @TempDir
    Path dir;

    private TestStore t;
    private StoreWriter writer;

    @BeforeEach
    void open() {
        t = TestStore.open(kind, dir);
        writer = t.store.writer();
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aFailingPieceOfABatchUndoesOnlyItsOwnWrites() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holding = writer.submit(s -> {
            held.countDown();
            await(release);
            return null;
        });
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
        // queued while the writer is held: taken as one batch
        CompletableFuture<Integer> before = writer.submit(s -> insert(s, "before"));
        CompletableFuture<Integer> failing = writer.submit(s -> {
            insert(s, "half-done");
            throw new SQLException("this piece fails after a write");
        });
        CompletableFuture<Integer> after = writer.submit(s -> insert(s, "after"));
        release.countDown();

        holding.get(5, TimeUnit.SECONDS);
        assertThat(before.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(catchThrowable(() -> failing.get(5, TimeUnit.SECONDS)))
                .hasRootCauseMessage("this piece fails after a write");
        assertThat(t.number("SELECT COUNT(*) FROM operators WHERE sip IN ('before', 'after')")).isEqualTo(2);
        assertThat(t.number("SELECT COUNT(*) FROM operators WHERE sip = 'half-done'")).isZero();
    }

    @Test
    void aBatchWithoutFailuresCommitsEveryPieceOnce() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        writer.submit(s -> {
            held.countDown();
            await(release);
            return null;
        });
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Integer>> pieces = List.of(writer.submit(s -> insert(s, "a")),
                writer.submit(s -> insert(s, "b")), writer.submit(s -> insert(s, "c")));
        release.countDown();

        for (CompletableFuture<Integer> piece : pieces) {
            assertThat(piece.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(t.number("SELECT COUNT(*) FROM operators WHERE sip IN ('a', 'b', 'c')")).isEqualTo(3);
    }

    private static int insert(Statements s, String sip) throws SQLException {
        PreparedStatement insert = s.prepare(INSERT);
        insert.setString(1, sip);
        return insert.executeUpdate();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
