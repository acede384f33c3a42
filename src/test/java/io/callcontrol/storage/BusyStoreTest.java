package io.callcontrol.storage;

import io.callcontrol.call.StatusEvent;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.FirstParty;
import static io.callcontrol.call.CallStatus.OPERATOR_CALLTO;
import static io.callcontrol.call.CallStatus.OPERATOR_PICKUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.callcontrol.call.StatusChange;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Someone else holds the SQLite file locked for longer than its busy timeout (2 s). */
class BusyStoreTest {

    @TempDir
    Path dir;

    @Test
    void statusesWaitForTheLockAndNoneIsLost() throws Exception {
        try (TestStore t = TestStore.open(dir)) {
            CallRecord call = t.call("k1", "o1");
            CompletableFuture<List<StatusEvent>> written;
            try (Connection other = lockExclusively()) {
                written = t.store.appendStatuses(call.callId(), call.orderId(),
                        List.of(new StatusChange(OPERATOR_CALLTO, ""), new StatusChange(OPERATOR_PICKUP, "")));
                Thread.sleep(3_000); // longer than the busy timeout: the writer must try again, not give up
                assertThat(written).isNotDone();
                other.rollback();
            }
            assertThat(written.get()).hasSize(2);
            assertThat(t.events(call.callId())).extracting(StatusEvent::status)
                    .containsExactly(io.callcontrol.call.CallStatus.CALL, OPERATOR_CALLTO, OPERATOR_PICKUP);
        }
    }

    @Test
    void aCallThatCannotBeWrittenInTimeIsNotWrittenLater() throws Exception {
        try (TestStore t = TestStore.open(dir)) {
            CompletableFuture<CallRecord> created;
            try (Connection other = lockExclusively()) {
                created = t.store.createCall("201", "380639920000", "o1", "late", FirstParty.OPERATOR,
                        Duration.ofSeconds(1));
                Throwable failure = catchThrowable(created::get);
                assertThat(failure).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StoreException.class);
                other.rollback();
            }
            t.call("after", "o1");
            assertThat(t.number("SELECT COUNT(*) FROM calls WHERE external_key = 'late'")).isZero();
            assertThat(t.number("SELECT COUNT(*) FROM calls WHERE external_key = 'after'")).isOne();
        }
    }

    @Test
    void aCallWhoseDeadlinePassedWhileItWaitedInTheQueueIsNeverWrittenAndItsKeyStaysFree() throws Exception {
        try (TestStore t = TestStore.open(dir)) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> blocker = blockWriter(t, release);
            CompletableFuture<CallRecord> late = t.store.createCall("201", "380639920000", "o1", "late",
                    FirstParty.OPERATOR, Duration.ofNanos(1)); // passed before the writer is free again
            release.countDown();
            blocker.get();

            Throwable failure = catchThrowable(late::get);
            assertThat(failure).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StoreException.class)
                    .hasMessageContaining("deadline passed");
            assertThat(t.number("SELECT COUNT(*) FROM calls WHERE external_key = 'late'")).isZero();
            assertThat(t.call("late", "o1").externalKey()).as("the CRM's retry with the same key").isEqualTo("late");
        }
    }

    @Test
    void aWaitThatGaveUpWithdrawsTheCallSoTheRetryWithTheSameKeyIsPlaced() throws Exception {
        try (TestStore t = TestStore.open(dir)) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> blocker = blockWriter(t, release);
            CompletableFuture<CallRecord> waited = t.store.createCall("201", "380639920000", "o1", "gave-up",
                    FirstParty.OPERATOR, Duration.ofSeconds(30));

            assertThatThrownBy(() -> Commits.await(waited, Duration.ofMillis(50)))
                    .as("makeCall's wait ends: it answers 503").isInstanceOf(TimeoutException.class);
            release.countDown();
            blocker.get();
            t.store.write(s -> null).get(); // whatever was queued behind the blocker has been handled

            assertThat(waited).isCancelled();
            assertThat(t.number("SELECT COUNT(*) FROM calls")).as("no call behind the 503").isZero();
            assertThat(t.call("gave-up", "o1").callId()).as("the retry is placed").isOne();
        }
    }

    @Test
    void aWaitCannotWithdrawACallTheWriterHasTaken() throws Exception {
        try (TestStore t = TestStore.open(dir)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<CallRecord> taken = t.store.createCall("201", "380639920000", "o1", "taken",
                    FirstParty.OPERATOR, Duration.ofSeconds(30));
            CompletableFuture<Void> after = t.store.write(s -> {
                inside.countDown(); // same batch as the call, after it: the call's work has run
                hold(release);
                return null;
            });
            inside.await();

            assertThat(taken.cancel(false)).as("taken by the writer: the commit decides").isFalse();
            release.countDown();
            after.get();
            assertThat(taken.get().externalKey()).isEqualTo("taken");
            assertThat(Commits.await(taken, Duration.ofMillis(1)).callId()).isEqualTo(taken.get().callId());
        }
    }

    /** Occupies the store's writer until {@code release}; returns once the writer is inside. */
    private static CompletableFuture<Void> blockWriter(TestStore t, CountDownLatch release) throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<Void> blocker = t.store.write(s -> {
            inside.countDown();
            hold(release);
            return null;
        });
        inside.await();
        return blocker;
    }

    private static void hold(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Connection lockExclusively() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store.db"));
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            s.execute("INSERT INTO operators (sip, status, device_state, since) VALUES ('lock', 'OFFLINE', '', 0)");
        }
        return c;
    }
}
