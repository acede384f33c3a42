package io.callcontrol.storage;

import io.callcontrol.operator.OperatorEvent;
import io.callcontrol.recording.Recording;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.operator.Operator;
import io.callcontrol.call.FirstParty;
import static io.callcontrol.call.CallStatus.CALL;
import static io.callcontrol.call.CallStatus.CLIENT_BUSY;
import static io.callcontrol.call.CallStatus.CLIENT_CALLTO;
import static io.callcontrol.call.CallStatus.FINISH;
import static io.callcontrol.call.CallStatus.OPERATOR_CALLTO;
import static io.callcontrol.call.CallStatus.OPERATOR_PICKUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import io.callcontrol.call.ChannelIds;
import io.callcontrol.operator.OperatorStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

@BothStores
class CallStoreTest {

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
    void aCreatedCallSurvivesReopeningWithItsChannelIdAndCallEvent() {
        CallRecord call = t.call("key-1", "order-1");
        t.close();
        t = TestStore.open(kind, dir);

        assertThat(call.channelId()).matches("cc-" + call.callId() + "-[0-9a-f]{16}");
        assertThat(call.status()).isEqualTo(CALL);
        assertThat(call.endedAt()).isNull();
        assertThat(t.history.call(call.callId())).contains(call);
        assertThat(t.events(call.callId()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(CALL);
                    assertThat(e.at()).isEqualTo(TestStore.NOW);
                    assertThat(e.detail()).contains("201");
                });
    }

    @Test
    void aReusedExternalKeyFailsAndWritesNothing() {
        CallRecord first = t.call("key-1", "order-1");

        Throwable failure = catchThrowable(() -> t.store.createCall("202", "+7900", "order-2", "key-1",
                FirstParty.OPERATOR, Duration.ofSeconds(10)).get());

        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOfSatisfying(DuplicateExternalKeyException.class,
                e -> assertThat(e.existingCallId()).isEqualTo(first.callId()));
        assertThat(t.number("SELECT COUNT(*) FROM calls")).isEqualTo(1);
        assertThat(t.number("SELECT COUNT(*) FROM call_events")).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentCallsWithOneKeyMakeOneCall() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CompletableFuture<CallRecord>>> submitted = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                submitted.add(threads.submit(() -> {
                    start.await();
                    return t.store.createCall("201", "+7900", "order-1", "same-key", FirstParty.OPERATOR,
                            Duration.ofSeconds(10));
                }));
            }
            start.countDown();
            int made = 0;
            for (Future<CompletableFuture<CallRecord>> f : submitted) {
                Throwable failure = catchThrowable(() -> f.get().get());
                if (failure == null) {
                    made++;
                } else {
                    assertThat(failure.getCause()).isInstanceOf(DuplicateExternalKeyException.class);
                }
            }
            assertThat(made).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(t.number("SELECT COUNT(*) FROM calls")).isEqualTo(1);
        assertThat(t.number("SELECT COUNT(*) FROM call_events")).isEqualTo(1);
    }

    @Test
    void aStatusTheCallAlreadyHasIsNotWrittenAgain() {
        CallRecord call = t.call("key-1", "order-1");

        assertThat(t.append(call, OPERATOR_CALLTO)).hasSize(1);
        assertThat(t.append(call, OPERATOR_CALLTO, CALL)).isEmpty();
        assertThat(t.append(call, OPERATOR_CALLTO, OPERATOR_PICKUP))
                .extracting(StatusEvent::status).containsExactly(OPERATOR_PICKUP);

        assertThat(t.events(call.callId()))
                .extracting(StatusEvent::status).containsExactly(CALL, OPERATOR_CALLTO, OPERATOR_PICKUP);
        assertThat(t.history.call(call.callId()).orElseThrow().status()).isEqualTo(OPERATOR_PICKUP);
    }

    @Test
    void aTerminalStatusEndsTheCall() {
        CallRecord ended = t.call("key-1", "order-1");
        CallRecord running = t.call("key-2", "order-1");

        t.append(ended, OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_BUSY);
        t.append(running, OPERATOR_CALLTO);

        CallRecord stored = t.history.call(ended.callId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CLIENT_BUSY);
        assertThat(stored.endedAt()).isEqualTo(TestStore.NOW);
        assertThat(t.history.call(running.callId()).orElseThrow().endedAt()).isNull();
        assertThat(t.history.callsInProgress()).extracting(CallRecord::callId).containsExactly(running.callId());
    }

    @Test
    void theRecentCallsAreTheNewestEndedOrNotNewestFirst() {
        CallRecord first = t.call("key-1", "order-1");
        CallRecord second = t.call("key-2", "order-2");
        CallRecord third = t.call("key-3", "order-1");
        t.append(second, OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_BUSY);

        assertThat(t.history.recentCalls(2)).extracting(CallRecord::callId)
                .containsExactly(third.callId(), second.callId());
        assertThat(t.history.recentCalls(10)).extracting(CallRecord::callId)
                .containsExactly(third.callId(), second.callId(), first.callId());
        assertThat(t.history.recentCalls(2).get(1).status()).isEqualTo(CLIENT_BUSY);
    }

    @Test
    void aStatusOfAnEndedCallIsNotWrittenNotEvenAfterARestart() {
        CallRecord call = t.call("key-1", "order-1");
        t.append(call, OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_BUSY);

        assertThat(t.append(call, CLIENT_CALLTO)).isEmpty();
        t.close();
        t = TestStore.open(kind, dir);
        assertThat(t.append(call, CLIENT_CALLTO, FINISH)).isEmpty();

        assertThat(t.events(call.callId())).extracting(StatusEvent::status)
                .containsExactly(CALL, OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_BUSY);
        CallRecord stored = t.history.call(call.callId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CLIENT_BUSY);
        assertThat(stored.endedAt()).isEqualTo(TestStore.NOW);
    }

    @Test
    void statusesOfACallThatDoesNotExistAreNotWritten() {
        CallRecord ghost = new CallRecord(77, "order-1", "k", "201", "380", FirstParty.OPERATOR, "cc-77-00000000", CALL,
                TestStore.NOW, null);

        assertThat(t.append(ghost, OPERATOR_CALLTO)).isEmpty();
        assertThat(t.number("SELECT COUNT(*) FROM call_events")).isZero();
    }

    @Test
    void callIdsGoOnAfterARestartAndEachChannelIdNamesItsCall() {
        List<CallRecord> calls = new ArrayList<>();
        calls.add(t.call("key-1", "order-1"));
        calls.add(t.call("key-2", "order-1"));
        t.close();
        t = TestStore.open(kind, dir);
        calls.add(t.call("key-3", "order-2"));
        Throwable reused = catchThrowable(() -> t.store.createCall("202", "+7900", "order-2", "key-1",
                FirstParty.OPERATOR, Duration.ofSeconds(10)).get());
        calls.add(t.call("key-4", "order-2"));

        assertThat(calls).extracting(CallRecord::callId).containsExactly(1L, 2L, 3L, 4L);
        assertThat(reused.getCause()).isInstanceOfSatisfying(DuplicateExternalKeyException.class,
                e -> assertThat(e.existingCallId()).isEqualTo(1));
        assertThat(calls).allSatisfy(call -> {
            assertThat(ChannelIds.callId(call.channelId())).hasValue(call.callId());
            assertThat(t.history.call(call.callId())).contains(call);
        });
        assertThat(calls).extracting(CallRecord::channelId).doesNotHaveDuplicates();
    }

    @Test
    void aRecordingAddedTwiceIsOneRow() {
        CallRecord call = t.call("key-1", "order-1");

        Recording first = t.recording(call);
        Recording again = t.store.addRecording(call.callId(), call.orderId(), first.file(), 5000, 9000).join();

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(t.history.recording(first.id())).contains(again);
        assertThat(t.number("SELECT COUNT(*) FROM recordings")).isEqualTo(1);
    }

    @Test
    void onlyARealPresenceChangeIsAnOperatorEvent() {
        assertThat(presence("201", OperatorStatus.ONLINE, "NOT_INUSE")).isTrue();
        assertThat(presence("201", OperatorStatus.ONLINE, "NOT_INUSE")).isFalse();
        assertThat(presence("201", OperatorStatus.INUSE, "INUSE")).isTrue();
        assertThat(presence("201", OperatorStatus.INUSE, "RINGINUSE")).isTrue();
        assertThat(presence("201", OperatorStatus.INUSE, "RINGINUSE")).isFalse();
        assertThat(presence("202", OperatorStatus.OFFLINE, "UNAVAILABLE")).isTrue();

        assertThat(t.number("SELECT COUNT(*) FROM operator_events")).isEqualTo(4);
        assertThat(t.history.operatorHistory("201", Paging.number(1, 10)).items())
                .extracting(OperatorEvent::deviceState).containsExactly("RINGINUSE", "INUSE", "NOT_INUSE");
        assertThat(t.history.operators(Set.of(), 1, 10).items())
                .extracting(Operator::sip, Operator::status)
                .containsExactly(tuple("201", OperatorStatus.INUSE),
                        tuple("202", OperatorStatus.OFFLINE));
    }

    private boolean presence(String sip, OperatorStatus status, String deviceState) {
        return t.store.setOperatorPresence(sip, status, deviceState).join();
    }
}
