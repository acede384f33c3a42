package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

@BothStores
class DatabaseTest {

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    @Test
    void openingAppliesTheMigration() {
        try (TestStore t = TestStore.open(kind, dir)) {
            assertThat(t.number("SELECT COUNT(*) FROM schema_version WHERE version = 1")).isEqualTo(1);
            assertThat(t.tables()).contains("calls", "call_events", "recordings", "operators", "operator_events",
                    "row_counts", "event_positions", "webhook_cursors", "schedules", "schedule_calls", "recordings_due");
        }
    }

    @Test
    void reopeningChangesNothing() {
        long callId;
        long applied;
        try (TestStore t = TestStore.open(kind, dir)) {
            callId = t.call("key-1", "order-1").callId();
            applied = t.number("SELECT COUNT(*) FROM schema_version");
        }
        try (TestStore t = TestStore.open(kind, dir)) {
            assertThat(t.number("SELECT COUNT(*) FROM schema_version")).isEqualTo(applied);
            assertThat(t.history.call(callId)).isPresent();
        }
    }

    @Test
    void refusesASchemaNewerThanItKnows() {
        try (TestStore t = TestStore.open(kind, dir)) {
            t.execute("INSERT INTO schema_version (version, applied_at) SELECT MAX(version) + 1, 0 FROM schema_version");
        }
        assertThatThrownBy(() -> Database.open(TestStore.config(kind, dir)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer");
    }

    @Test
    void theWriteAheadLogIsCheckpointedByAThreadOfItsOwnWhichStopsWithTheStore() throws InterruptedException {
        Set<Thread> others = checkpointThreads(); // of stores another test left open, or is closing
        Set<Thread> ours = new HashSet<>();
        try (TestStore t = TestStore.open(kind, dir)) {
            t.call("key-1", "order-1");
            ours.addAll(checkpointThreads());
            ours.removeAll(others);
            if (kind == StoreKind.POSTGRESQL) {
                assertThat(ours).as("PostgreSQL checkpoints its own log").isEmpty();
                return;
            }
            assertThat(t.number("PRAGMA wal_autocheckpoint")).isEqualTo(WalCheckpointer.BACKSTOP_PAGES);
            assertThat(ours).hasSize(1);
        }
        Thread checkpointer = ours.iterator().next();
        checkpointer.join(5_000); // the pool's termination is seen a moment before its thread has ended
        assertThat(checkpointer.isAlive()).isFalse();
    }

    private static Set<Thread> checkpointThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("store-checkpoint") && t.isAlive())
                .collect(Collectors.toSet());
    }
}
