package io.callcontrol.storage;

import static io.callcontrol.call.CallStatus.CALL;
import static io.callcontrol.call.CallStatus.FINISH;
import static io.callcontrol.call.CallStatus.OPERATOR_CALLTO;
import static io.callcontrol.call.CallStatus.OPERATOR_NOANSWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.callcontrol.call.CallChain;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.operator.Operator;
import io.callcontrol.operator.OperatorEvent;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.recording.Recording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothStores
class SqlHistoryTest {

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    private TestStore t;

    @BeforeEach
    void open() {
        t = TestStore.open(kind, dir);
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void recordingsComeNewestFirstInPages() {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(t.recording(t.call("key-" + i, "order-" + i)).id());
        }

        Page<Recording> first = t.history.recordings(Paging.number(1, 2));
        Page<Recording> last = t.history.recordings(Paging.number(3, 2));
        Page<Recording> beyond = t.history.recordings(Paging.number(4, 2));

        assertThat(first.items()).extracting(Recording::id).containsExactly(ids.get(4), ids.get(3));
        assertThat(last.items()).extracting(Recording::id).containsExactly(ids.get(0));
        assertThat(beyond.items()).isEmpty();
        assertThat(List.of(first, last, beyond)).allSatisfy(p -> {
            assertThat(p.total()).isEqualTo(5);
            assertThat(p.pages()).isEqualTo(3);
        });
        assertThat(first.items().get(0)).isEqualTo(
                new Recording(ids.get(4), 5, "order-5", "5.wav", 1000, 2000, TestStore.NOW));
    }

    @Test
    void pagesByKeyAndByNumberCoverEveryRecordingOnceNewestFirst() {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 1; i <= 47; i++) {
            calls.add(t.call("key-" + i, "order-" + i));
            t.recording(calls.get(i - 1));
            if (i % 5 == 0) {
                t.recording(calls.get(i / 2)); // added again: an update, which may leave a gap in the ids
            }
        }
        List<Long> all = new ArrayList<>();
        for (Recording r : t.history.recordings(Paging.number(1, 500)).items()) {
            all.add(r.id());
        }
        assertThat(all).hasSize(47).isSortedAccordingTo(Comparator.reverseOrder());

        List<Long> byKey = new ArrayList<>();
        Page<Recording> page = t.history.recordings(Paging.number(1, 6));
        while (true) {
            page.items().forEach(r -> byKey.add(r.id()));
            assertThat(page.total()).isEqualTo(47);
            Long next = page.nextBeforeId(Recording::id);
            if (next == null) {
                break;
            }
            page = t.history.recordings(Paging.before(next, 6));
            assertThat(page.number()).isNull();
        }
        List<Long> byNumber = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            t.history.recordings(Paging.number(n, 6)).items().forEach(r -> byNumber.add(r.id()));
        }

        assertThat(byKey).isEqualTo(all);
        assertThat(byNumber).isEqualTo(all);
        assertThat(t.history.recordings(Paging.before(all.get(46), 6)).items()).isEmpty();
        assertThat(t.history.recordings(Paging.before(Long.MAX_VALUE, 3)).items()).extracting(Recording::id)
                .isEqualTo(all.subList(0, 3));
    }

    @Test
    void followingNextBeforeIdWhileRecordingsArriveVisitsEachOlderOneOnce() {
        for (int i = 1; i <= 30; i++) {
            t.recording(t.call("key-" + i, "order-" + i));
        }
        List<Long> before = t.history.recordings(Paging.number(1, 500)).items().stream().map(Recording::id).toList();

        List<Long> walked = new ArrayList<>();
        Page<Recording> page = t.history.recordings(Paging.number(1, 4));
        int added = 0;
        while (true) {
            page.items().forEach(r -> walked.add(r.id()));
            t.recording(t.call("new-" + added, "order-new")); // newer than every row the walk has still to visit
            added++;
            Long next = page.nextBeforeId(Recording::id);
            if (next == null) {
                break;
            }
            page = t.history.recordings(Paging.before(next, 4));
        }

        assertThat(walked).isEqualTo(before);
        assertThat(t.history.recordings(Paging.number(1, 1)).total()).isEqualTo(30 + added);
    }

    @Test
    void operatorHistoryByKeyCoversEachOperatorsChangesOnce() {
        OperatorStatus[] statuses = {OperatorStatus.ONLINE, OperatorStatus.INUSE, OperatorStatus.OFFLINE};
        for (int i = 0; i < 60; i++) {
            presence(i % 3 == 0 ? "201" : "202", statuses[i % statuses.length]);
        }
        for (String sip : new String[] {"201", "202", null}) {
            List<OperatorEvent> all = t.history.operatorHistory(sip, Paging.number(1, 500)).items();
            List<OperatorEvent> byKey = new ArrayList<>();
            Page<OperatorEvent> page = t.history.operatorHistory(sip, Paging.before(Long.MAX_VALUE, 4));
            while (true) {
                byKey.addAll(page.items());
                assertThat(page.total()).isEqualTo(all.size());
                Long next = page.nextBeforeId(OperatorEvent::id);
                if (next == null) {
                    break;
                }
                page = t.history.operatorHistory(sip, Paging.before(next, 4));
            }
            assertThat(byKey).as("sip %s", sip).isEqualTo(all).doesNotHaveDuplicates();
            assertThat(all).allSatisfy(e -> assertThat(sip == null || e.sip().equals(sip)).isTrue());
        }
    }

    @Test
    void anOrdersCallsRecordingsAndStatusesComeInIdOrder() {
        CallRecord a1 = t.call("key-1", "order-a");
        CallRecord b1 = t.call("key-2", "order-b");
        CallRecord a2 = t.call("key-3", "order-a");
        t.append(a2, OPERATOR_CALLTO);
        t.append(b1, OPERATOR_CALLTO);
        t.append(a1, OPERATOR_CALLTO, OPERATOR_NOANSWER);
        Recording ra2 = t.recording(a2);
        t.recording(b1);
        Recording ra1 = t.recording(a1);

        assertThat(t.history.callsOfOrder("order-a", 0, 10)).extracting(CallRecord::callId)
                .containsExactly(a1.callId(), a2.callId());
        assertThat(t.history.recordingsOfCalls("order-a", 0, a2.callId())).containsExactly(ra2, ra1);
        assertThat(t.history.orderHistory("order-a", 0, 10))
                .extracting(StatusEvent::callId, StatusEvent::status)
                .containsExactly(tuple(a1.callId(), CALL), tuple(a2.callId(), CALL),
                        tuple(a2.callId(), OPERATOR_CALLTO), tuple(a1.callId(), OPERATOR_CALLTO),
                        tuple(a1.callId(), OPERATOR_NOANSWER));
        assertThat(t.history.callsOfOrder("order-none", 0, 10)).isEmpty();
        assertThat(t.history.orderHistory("order-none", 0, 10)).isEmpty();
    }

    @Test
    void anOrdersRowsArePagedByIdAfterACursor() {
        CallRecord a1 = t.call("key-1", "order-a");
        CallRecord b1 = t.call("key-2", "order-b");
        CallRecord a2 = t.call("key-3", "order-a");
        CallRecord a3 = t.call("key-4", "order-a");
        t.append(a1, OPERATOR_CALLTO, OPERATOR_NOANSWER);
        t.append(b1, OPERATOR_CALLTO);
        Recording ra1 = t.recording(a1);
        t.recording(b1);
        Recording ra3 = t.recording(a3);
        Recording ra2 = t.recording(a2);
        List<StatusEvent> all = t.history.orderHistory("order-a", 0, 100);

        List<StatusEvent> first = t.history.orderHistory("order-a", 0, 2);
        List<StatusEvent> rest = t.history.orderHistory("order-a", first.get(1).id(), 100);
        assertThat(first).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(rest).containsExactlyElementsOf(all.subList(2, all.size()));
        assertThat(t.history.orderHistory("order-a", all.get(all.size() - 1).id(), 100)).isEmpty();

        assertThat(t.history.callsOfOrder("order-a", 0, 2)).extracting(CallRecord::callId)
                .containsExactly(a1.callId(), a2.callId());
        assertThat(t.history.callsOfOrder("order-a", a2.callId(), 2)).extracting(CallRecord::callId)
                .containsExactly(a3.callId());
        assertThat(t.history.recordingsOfCalls("order-a", 0, a2.callId())).containsExactly(ra1, ra2);
        assertThat(t.history.recordingsOfCalls("order-a", a2.callId(), a3.callId())).containsExactly(ra3);
    }

    @Test
    void aCallAndItsHistoryAreFoundByIdAndAnUnknownIdIsEmpty() {
        CallRecord call = t.call("key-1", "order-1");
        List<StatusEvent> written = t.append(call, OPERATOR_CALLTO);
        Recording recording = t.recording(call);

        assertThat(t.history.call(call.callId())).contains(
                new CallRecord(call.callId(), "order-1", "key-1", "201", "+79001234567", FirstParty.OPERATOR,
                        call.channelId(), OPERATOR_CALLTO, TestStore.NOW, null));
        CallChain chain = t.history.callChain(call.callId()).orElseThrow();
        assertThat(chain.call()).isEqualTo(t.history.call(call.callId()).orElseThrow());
        assertThat(chain.history()).extracting(StatusEvent::status).containsExactly(CALL, OPERATOR_CALLTO);
        assertThat(chain.history().get(1)).isEqualTo(written.get(0));
        assertThat(t.history.recording(recording.id())).contains(recording);
        assertThat(t.history.call(999)).isEmpty();
        assertThat(t.history.callChain(999)).isEmpty();
        assertThat(t.history.recording(999)).isEmpty();
    }

    @Test
    void aSnapshotDoesNotSeeWhatTheWriterCommitsWhileItReads() {
        CallRecord call = t.call("key-1", "order-1");
        List<List<CallStatus>> seen = t.history.snapshot("the test's reads", c -> {
            List<CallStatus> before = statuses(SqlHistory.select(c, SqlHistory.CALL_HISTORY, rs -> rs.getString(4),
                    call.callId()));
            t.append(call, OPERATOR_CALLTO);
            List<CallStatus> after = statuses(SqlHistory.select(c, SqlHistory.CALL_HISTORY, rs -> rs.getString(4),
                    call.callId()));
            return List.of(before, after);
        });

        assertThat(seen).containsExactly(List.of(CALL), List.of(CALL));
        assertThat(t.history.callChain(call.callId()).orElseThrow().history()).extracting(StatusEvent::status)
                .containsExactly(CALL, OPERATOR_CALLTO);
    }

    private static List<CallStatus> statuses(List<String> names) {
        return names.stream().map(CallStatus::valueOf).toList();
    }

    @Test
    void statusesAfterIsACursorInIdOrder() {
        CallRecord a = t.call("key-1", "order-1");
        CallRecord b = t.call("key-2", "order-2");
        t.append(a, OPERATOR_CALLTO);
        t.append(b, OPERATOR_CALLTO, FINISH);
        List<StatusEvent> all = t.history.statusesAfter(0, 100);

        assertThat(all).extracting(StatusEvent::callId, StatusEvent::status)
                .containsExactly(tuple(a.callId(), CALL), tuple(b.callId(), CALL), tuple(a.callId(), OPERATOR_CALLTO),
                        tuple(b.callId(), OPERATOR_CALLTO), tuple(b.callId(), FINISH));
        assertThat(t.history.statusesAfter(all.get(1).id(), 2)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(t.history.statusesAfter(all.get(4).id(), 2)).isEmpty();
    }

    @Test
    void operatorsComeBySipFilteredByStatusInPages() {
        presence("203", OperatorStatus.ONLINE);
        presence("201", OperatorStatus.INUSE);
        presence("204", OperatorStatus.OFFLINE);
        presence("202", OperatorStatus.ONLINE);

        Page<Operator> all = t.history.operators(Set.of(), 1, 3);
        Page<Operator> busy = t.history.operators(EnumSet.of(OperatorStatus.ONLINE, OperatorStatus.INUSE), 2, 2);
        Page<Operator> offline = t.history.operators(EnumSet.of(OperatorStatus.OFFLINE), 1, 10);

        assertThat(all.items()).extracting(Operator::sip).containsExactly("201", "202", "203");
        assertThat(all.total()).isEqualTo(4);
        assertThat(busy.items()).extracting(Operator::sip).containsExactly("203");
        assertThat(busy.total()).isEqualTo(3);
        assertThat(offline.items()).containsExactly(
                new Operator("204", OperatorStatus.OFFLINE, "OFFLINE-device", TestStore.NOW));
        assertThat(offline.total()).isEqualTo(1);
    }

    @Test
    void operatorHistoryComesNewestFirstForOneOperatorOrAll() {
        presence("201", OperatorStatus.ONLINE);
        presence("202", OperatorStatus.ONLINE);
        presence("201", OperatorStatus.INUSE);
        presence("201", OperatorStatus.OFFLINE);

        Page<OperatorEvent> all = t.history.operatorHistory(null, Paging.number(1, 3));
        Page<OperatorEvent> second = t.history.operatorHistory("201", Paging.number(2, 2));

        assertThat(all.items()).extracting(OperatorEvent::sip, OperatorEvent::status).containsExactly(
                tuple("201", OperatorStatus.OFFLINE), tuple("201", OperatorStatus.INUSE),
                tuple("202", OperatorStatus.ONLINE));
        assertThat(all.total()).isEqualTo(4);
        assertThat(second.items()).extracting(OperatorEvent::status).containsExactly(OperatorStatus.ONLINE);
        assertThat(second.total()).isEqualTo(3);
        assertThat(t.history.operatorHistory("209", Paging.number(1, 10)).total()).isZero();
    }

    @Test
    void callsInProgressAreTheUnendedOnesOldestFirst() {
        CallRecord a = t.call("key-1", "order-1");
        CallRecord b = t.call("key-2", "order-1");
        CallRecord c = t.call("key-3", "order-1");
        t.append(b, OPERATOR_CALLTO, OPERATOR_NOANSWER);

        assertThat(t.history.callsInProgress()).containsExactly(a, c);
    }

    @Test
    void aPageBeforeTheFirstIsRefused() {
        assertThatThrownBy(() -> Paging.number(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Paging.number(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Paging.before(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Paging(1, 5, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedStoreFailsWithAStoreExceptionSayingWhat() {
        t.database.close();

        assertThatThrownBy(() -> t.history.callChain(7))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("history of call 7");
    }

    private void presence(String sip, OperatorStatus status) {
        t.store.setOperatorPresence(sip, status, status.name() + "-device").join();
    }
}
