package io.callcontrol.storage;

import static io.callcontrol.call.CallStatus.CLIENT_CALLTO;
import static io.callcontrol.call.CallStatus.CLIENT_PICKUP;
import static io.callcontrol.call.CallStatus.FINISH;
import static io.callcontrol.call.CallStatus.OPERATOR_CALLTO;
import static io.callcontrol.call.CallStatus.OPERATOR_PICKUP;
import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusChange;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.push.LoggedEvent;
import io.callcontrol.recording.Recording;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothStores
class EventLogTest {

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    private TestStore t;
    private EventLog log;

    @BeforeEach
    void open() {
        t = TestStore.open(kind, dir);
        log = new EventLog(t.database);
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void recordingsAndPresenceTakeIdsBetweenTheStatusesInCommitOrder() {
        CallRecord call = t.call("key-1", "order-1");
        t.append(call, OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_PICKUP);
        presence("1000", OperatorStatus.INUSE);
        t.append(call, FINISH);
        Recording recording = t.recording(call);
        CallRecord next = t.call("key-2", "order-1");

        List<LoggedEvent> events = log.after(0, 100);

        assertThat(events).extracting(EventLogTest::describe).containsExactly("CALL", "OPERATOR_CALLTO",
                "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_PICKUP", "presence 1000 INUSE", "FINISH",
                "recording " + recording.id(), "CALL");
        assertThat(events).extracting(LoggedEvent::id).isSorted().doesNotHaveDuplicates();
        List<Long> statusIds = events.stream().filter(e -> e instanceof LoggedEvent.Status).map(LoggedEvent::id).toList();
        List<Long> historyIds = new ArrayList<>();
        t.events(call.callId()).forEach(e -> historyIds.add(e.id()));
        t.events(next.callId()).forEach(e -> historyIds.add(e.id()));
        assertThat(statusIds).as("a status keeps its callHistory id").isEqualTo(historyIds);
        assertThat(t.history.statusesAfter(0, 100)).extracting(StatusEvent::id).isEqualTo(historyIds);
        LoggedEvent.Status first = (LoggedEvent.Status) events.get(0);
        assertThat(first.sip()).isEqualTo("201");
        assertThat(first.phone()).isEqualTo("+79001234567");
        LoggedEvent.RecordingReady ready = (LoggedEvent.RecordingReady) events.get(7);
        assertThat(ready.recording()).isEqualTo(recording);
        assertThat(ready.sip()).isEqualTo("201");
    }

    @Test
    void readingInSmallBatchesGivesTheSameLogWithoutGapOrRepeat() {
        for (int i = 0; i < 5; i++) {
            CallRecord call = t.call("key-" + i, "order-" + i);
            presence("100" + i, OperatorStatus.ONLINE);
            t.append(call, OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_PICKUP, FINISH);
            presence("100" + i, OperatorStatus.INUSE);
            t.recording(call);
        }
        List<LoggedEvent> whole = log.after(0, 1000);

        for (int limit : new int[] {1, 2, 3, 7}) {
            List<LoggedEvent> read = new ArrayList<>();
            long cursor = 0;
            for (List<LoggedEvent> batch; !(batch = log.after(cursor, limit)).isEmpty(); ) {
                assertThat(batch).hasSizeLessThanOrEqualTo(limit);
                read.addAll(batch);
                cursor = batch.get(batch.size() - 1).id();
            }
            assertThat(read).as("batches of %d", limit).isEqualTo(whole);
        }
        assertThat(whole).hasSize(5 * 9);
        assertThat(log.newestId()).isEqualTo(whole.get(whole.size() - 1).id());
        assertThat(log.countAfter(0)).isEqualTo(45);
        assertThat(log.countAfter(whole.get(40).id())).isEqualTo(4);
    }

    @Test
    void theFinishOfAConnectedCallCarriesWhenTheClientAnswered() {
        t.close();
        MovingClock clock = new MovingClock(TestStore.NOW);
        try (Database database = Database.open(TestStore.config(kind, dir)); CallStore store = new CallStore(database, clock)) {
            CallRecord call = store.createCall("1000", "380639920000", "order-1", "key-1", FirstParty.OPERATOR,
                Duration.ofSeconds(5)).join();
            append(store, call, OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO);
            clock.now = clock.now.plusSeconds(5);
            append(store, call, CLIENT_PICKUP);
            clock.now = clock.now.plusSeconds(42);
            append(store, call, FINISH);

            List<LoggedEvent.Status> statuses = new EventLog(database).after(0, 100).stream()
                    .map(LoggedEvent.Status.class::cast).toList();

            LoggedEvent.Status finish = statuses.get(statuses.size() - 1);
            assertThat(finish.event().status()).isEqualTo(FINISH);
            assertThat(Duration.between(finish.pickedUpAt(), finish.event().at())).hasSeconds(42);
            assertThat(statuses.subList(0, statuses.size() - 1)).allSatisfy(s -> assertThat(s.pickedUpAt()).isNull());
        } finally {
            t = TestStore.open(kind, dir);
        }
    }

    @Test
    void aRecordingStoredAgainIsNotASecondEvent() {
        CallRecord call = t.call("key-1", "order-1");
        t.append(call, FINISH);
        t.recording(call);
        t.store.addRecording(call.callId(), call.orderId(), call.callId() + ".wav", 5000, 9000).join();

        List<LoggedEvent> events = log.after(0, 100);

        assertThat(events).extracting(EventLogTest::describe).hasSize(3).last().asString().startsWith("recording");
        assertThat(((LoggedEvent.RecordingReady) events.get(2)).recording().sizeBytes()).isEqualTo(5000);
    }

    @Test
    void onAFreshStoreAPresenceChangeMayComeFirstAndIdsStayUniqueAfterReopening() {
        presence("1000", OperatorStatus.ONLINE);
        CallRecord call = t.call("key-1", "order-1");
        t.close();
        t = TestStore.open(kind, dir);
        log = new EventLog(t.database);
        presence("1000", OperatorStatus.INUSE);
        t.append(call, OPERATOR_CALLTO);

        assertThat(log.after(0, 100)).extracting(EventLogTest::describe)
                .containsExactly("presence 1000 ONLINE", "CALL", "presence 1000 INUSE", "OPERATOR_CALLTO");
        assertThat(log.after(0, 100)).extracting(LoggedEvent::id).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void anEmptyStoreHasNoEvents() {
        assertThat(log.after(0, 10)).isEmpty();
        assertThat(log.newestId()).isZero();
        assertThat(log.countAfter(0)).isZero();
    }

    private static void append(CallStore store, CallRecord call, CallStatus... statuses) {
        List<StatusChange> changes = Arrays.stream(statuses).map(s -> new StatusChange(s, "")).toList();
        store.appendStatuses(call.callId(), call.orderId(), changes).join();
    }

    private void presence(String sip, OperatorStatus status) {
        t.store.setOperatorPresence(sip, status, status.name()).join();
    }

    private static String describe(LoggedEvent event) {
        if (event instanceof LoggedEvent.Status s) {
            return s.event().status().name();
        }
        if (event instanceof LoggedEvent.RecordingReady r) {
            return "recording " + r.recording().id();
        }
        LoggedEvent.Presence p = (LoggedEvent.Presence) event;
        return "presence " + p.event().sip() + " " + p.event().status();
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
