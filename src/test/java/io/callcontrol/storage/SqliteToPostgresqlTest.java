package io.callcontrol.storage;

import static io.callcontrol.call.CallStatus.CLIENT_CALLTO;
import static io.callcontrol.call.CallStatus.FINISH;
import static io.callcontrol.call.CallStatus.OPERATOR_CALLTO;
import static io.callcontrol.call.CallStatus.OPERATOR_PICKUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.FirstParty;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.schedule.ScheduleRecord.State;
import io.callcontrol.schedule.ScheduleRecord;
import io.callcontrol.testbed.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite store copied into PostgreSQL: every row with its id, and the next ids the same as SQLite's. */
@ExtendWith(PostgresServer.class)
class SqliteToPostgresqlTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path sqliteDir;
    @TempDir
    Path postgresDir;

    @Test
    void everyRowAndIdIsCopiedAndBothStoresGoOnWithTheSameIds() {
        try (TestStore sqlite = TestStore.open(StoreKind.SQLITE, sqliteDir)) {
            fill(sqlite);
        }
        Map<String, Long> copied = SqliteToPostgresql.copy(sqliteDir.resolve("store.db"),
                TestStore.config(StoreKind.POSTGRESQL, postgresDir));

        assertThat(copied).containsEntry("calls", 3L).containsEntry("recordings", 2L)
                .containsEntry("webhook_cursors", 1L).containsEntry("schedules", 1L).containsEntry("schedule_calls", 1L)
                .containsEntry("recordings_due", 1L);
        try (TestStore sqlite = TestStore.open(StoreKind.SQLITE, sqliteDir);
                TestStore postgres = TestStore.open(StoreKind.POSTGRESQL, postgresDir)) {
            assertSameContent(sqlite, postgres);

            // the next event, call, recording and schedule get the ids SQLite gives them
            for (TestStore t : List.of(sqlite, postgres)) {
                t.store.setOperatorPresence("203", OperatorStatus.ONLINE, "NOT_INUSE").join();
                CallRecord call = t.call("after-copy", "order-9");
                t.append(call, OPERATOR_CALLTO);
                t.recording(call);
                schedules(t).create(draft("sched-2"), TIMEOUT).join();
            }
            assertSameContent(sqlite, postgres);
        }
    }

    @Test
    void aStoreWithRowsIsRefusedAndKeepsThem() {
        try (TestStore sqlite = TestStore.open(StoreKind.SQLITE, sqliteDir)) {
            fill(sqlite);
        }
        try (TestStore postgres = TestStore.open(StoreKind.POSTGRESQL, postgresDir)) {
            postgres.call("already-here", "order-1");
        }
        assertThatThrownBy(() -> SqliteToPostgresql.copy(sqliteDir.resolve("store.db"),
                TestStore.config(StoreKind.POSTGRESQL, postgresDir)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("not empty");
        try (TestStore postgres = TestStore.open(StoreKind.POSTGRESQL, postgresDir)) {
            assertThat(postgres.number("SELECT COUNT(*) FROM calls")).isEqualTo(1);
            assertThat(postgres.number("SELECT COUNT(*) FROM call_events")).isEqualTo(1);
        }
    }

    @Test
    void aMissingSqliteFileIsRefused() {
        Path missing = sqliteDir.resolve("nothing.db");
        assertThatThrownBy(() -> SqliteToPostgresql.copy(missing, TestStore.config(StoreKind.POSTGRESQL, postgresDir)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no SQLite store");
        assertThat(Files.exists(missing)).isFalse();
    }

    /** Calls with statuses (one replayed), recordings, presence changes (one deleted: its id is not reused). */
    private static void fill(TestStore t) {
        CallRecord first = t.call("key-1", "order-1");
        t.append(first, OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO);
        t.append(first, CLIENT_CALLTO, FINISH);
        t.recording(first);
        t.store.setOperatorPresence("201", OperatorStatus.INUSE, "INUSE").join();
        t.store.setOperatorPresence("202", OperatorStatus.ONLINE, "NOT_INUSE").join();
        t.store.setOperatorPresence("201", OperatorStatus.ONLINE, "NOT_INUSE").join();
        CallRecord second = t.call("key-2", "order-2");
        t.append(second, OPERATOR_CALLTO);
        t.recording(second);
        t.store.expectRecording(second.callId(), "later.wav").join();
        new WebhookCursors(t.store, Clock.fixed(TestStore.NOW, ZoneOffset.UTC)).open(List.of("https://crm/hook")).join();
        ScheduleStore schedules = schedules(t);
        ScheduleRecord schedule = schedules.create(draft("sched-1"), TIMEOUT).join();
        CallRecord attempt = t.call("sched-1/1", "order-s");
        schedules.attach(schedule.scheduleId(), 1, attempt.callId(), s -> s, TIMEOUT).join();
        // the newest presence change deleted: SQLite's sequence stays past it, and so must the copy's
        t.execute("DELETE FROM operator_events WHERE id = (SELECT MAX(id) FROM operator_events)");
    }

    private static void assertSameContent(TestStore sqlite, TestStore postgres) {
        assertThat(new EventLog(postgres.database).after(0, 1000))
                .isEqualTo(new EventLog(sqlite.database).after(0, 1000)).isNotEmpty();
        assertThat(new EventLog(postgres.database).newestId()).isEqualTo(new EventLog(sqlite.database).newestId());
        assertThat(postgres.history.recordings(Paging.number(1, 100)))
                .isEqualTo(sqlite.history.recordings(Paging.number(1, 100)));
        assertThat(postgres.history.operatorHistory("201", Paging.number(1, 100)))
                .isEqualTo(sqlite.history.operatorHistory("201", Paging.number(1, 100)));
        assertThat(postgres.history.operators(Set.of(), 1, 100)).isEqualTo(sqlite.history.operators(Set.of(), 1, 100));
        for (String order : List.of("order-1", "order-2", "order-s")) {
            assertThat(postgres.history.callsOfOrder(order, 0, 1_000)).isEqualTo(sqlite.history.callsOfOrder(order, 0, 1_000));
        }
        // a call made after the copy: the same id, its channel id's random token its own
        assertThat(postgres.history.callsOfOrder("order-9", 0, 1_000)).extracting(CallRecord::callId, CallRecord::status)
                .isEqualTo(sqlite.history.callsOfOrder("order-9", 0, 1_000).stream()
                        .map(c -> tuple(c.callId(), c.status())).toList());
        assertThat(postgres.history.recordingsDue()).isEqualTo(sqlite.history.recordingsDue());
        assertThat(schedules(postgres).list(null, Set.of(), 1, 100)).isEqualTo(schedules(sqlite).list(null, Set.of(), 1, 100));
        assertThat(postgres.number("SELECT COUNT(*) FROM webhook_cursors"))
                .isEqualTo(sqlite.number("SELECT COUNT(*) FROM webhook_cursors"));
    }

    private static ScheduleStore schedules(TestStore t) {
        return new ScheduleStore(t.database, t.store, Clock.fixed(TestStore.NOW, ZoneOffset.UTC));
    }

    private static ScheduleRecord draft(String externalKey) {
        return new ScheduleRecord(0, externalKey, "order-s", "201", "+79001234567", FirstParty.OPERATOR,
                TestStore.NOW, "5,10", "", "UTC", State.SCHEDULED, 1, 0, TestStore.NOW.plusSeconds(60), null, "",
                null, null, List.of());
    }
}
