package io.callcontrol.storage;

import io.callcontrol.call.FirstParty;
import static io.callcontrol.call.CallStatus.OPERATOR_CALLTO;
import static io.callcontrol.call.CallStatus.OPERATOR_PICKUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.callcontrol.call.StatusChange;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
