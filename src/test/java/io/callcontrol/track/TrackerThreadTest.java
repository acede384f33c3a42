package io.callcontrol.track;

import io.callcontrol.call.FirstParty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.ChannelFact;
import io.callcontrol.call.Fact;
import io.callcontrol.call.Leg;
import io.callcontrol.call.StatusChange;
import io.callcontrol.config.Config;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.recording.RecordingKeeper;
import io.callcontrol.call.CallChain;
import io.callcontrol.call.CallRecord;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Database;
import io.callcontrol.recording.RecordingDue;
import io.callcontrol.storage.SqlHistory;
import io.callcontrol.call.StatusEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker thread with a real store: overflow is counted, and reconciling closes calls whose channels died. */
class TrackerThreadTest {

    @TempDir
    Path dir;
    private Database database;
    private CallStore store;
    private SqlHistory history;
    private RecordingKeeper recordings;

    @BeforeEach
    void open() {
        Config config = Config.from(Map.of("data.dir", dir.toString(), "recordings.dir", dir.toString()));
        database = Database.open(config.storage());
        store = new CallStore(database, Clock.systemUTC());
        history = new SqlHistory(database);
        recordings = new RecordingKeeper(config.recordings(), store, history::recordingsDue, new Metrics());
    }

    @AfterEach
    void close() {
        recordings.close();
        store.close();
        database.close();
    }

    @Test
    void aFullQueueDropsFactsWithoutBlockingAndCountsThem() {
        TrackerThread engine = new TrackerThread(store, recordings, 10, new Metrics());
        try {
            int accepted = 0;
            for (int i = 0; i < 25; i++) {
                accepted += engine.offer(new Fact.Ringing(1)) ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(10);
            assertThat(engine.droppedFacts()).isEqualTo(15);
        } finally {
            engine.close();
        }
    }

    @Test
    void reconcilingClosesCallsWhoseChannelsAreGoneAndFollowsTheLiveOnes() throws Exception {
        CallRecord ringing = created("ringing");
        CallRecord talking = created("talking");
        CallRecord alive = created("alive");
        store.appendStatuses(ringing.callId(), ringing.orderId(),
                List.of(new StatusChange(CallStatus.OPERATOR_CALLTO, ""))).get();
        store.appendStatuses(alive.callId(), alive.orderId(),
                List.of(new StatusChange(CallStatus.OPERATOR_CALLTO, ""))).get();
        store.appendStatuses(talking.callId(), talking.orderId(), List.of(
                new StatusChange(CallStatus.OPERATOR_PICKUP, ""), new StatusChange(CallStatus.CLIENT_CALLTO, ""),
                new StatusChange(CallStatus.CLIENT_PICKUP, ""))).get();
        TrackerThread engine = new TrackerThread(store, recordings, 100, new Metrics());
        engine.start(history.callsInProgress());
        try {
            engine.reconcile(Set.of(alive.channelId()), Instant.now().plusSeconds(10), "the daemon was not running");
            engine.offer(new Fact.Answered(alive.callId()));

            assertThat(awaitStatus(ringing, CallStatus.ERROR).detail())
                    .isEqualTo("outcome unknown: ended while the daemon was not running");
            assertThat(awaitStatus(talking, CallStatus.FINISH).detail()).contains("the daemon was not running");
            assertThat(awaitStatus(alive, CallStatus.OPERATOR_PICKUP)).isNotNull();
            assertThat(history.callsInProgress()).extracting(CallRecord::callId).containsExactly(alive.callId());
        } finally {
            engine.close();
        }
    }

    @Test
    void aServersReconcileSettlesOnlyTheCallsPlacedOnIt() throws Exception {
        CallRecord onA = created("on-a", "1000");
        CallRecord onB = created("on-b", "2000");
        TrackerThread engine = new TrackerThread(store, recordings, 100, new Metrics());
        engine.start(List.of());
        try {
            for (CallRecord call : List.of(onA, onB)) {
                engine.track(call);
                engine.originateSent(call.callId(), call.createdAt());
            }
            engine.reconcile(Set.of(), onB.createdAt().plusSeconds(60), "the AMI link to Asterisk 'b' was down",
                    sip -> sip.startsWith("2"));
            engine.offer(new Fact.Ringing(onA.callId()));

            assertThat(awaitStatus(onB, CallStatus.ERROR).detail())
                    .isEqualTo("outcome unknown: ended while the AMI link to Asterisk 'b' was down");
            awaitStatus(onA, CallStatus.OPERATOR_CALLTO);
            assertThat(history.callsInProgress()).extracting(CallRecord::callId).containsExactly(onA.callId());
        } finally {
            engine.close();
        }
    }

    @Test
    void aServersEventNamingACallOfAnotherServerChangesNothing() throws Exception {
        CallRecord onA = created("on-a", "1000");
        TrackerThread engine = new TrackerThread(store, recordings, 100, new Metrics());
        engine.start(List.of());
        try {
            engine.track(onA);
            engine.offer(new ChannelFact(onA.channelId(), new Fact.Answered(onA.callId())),
                    call -> call.sip().startsWith("2"));
            engine.offer(new ChannelFact(onA.channelId(), new Fact.Ringing(onA.callId())),
                    call -> call.sip().startsWith("1"));

            awaitStatus(onA, CallStatus.OPERATOR_CALLTO);
            assertThat(events(onA)).extracting(StatusEvent::status)
                    .containsExactly(CallStatus.CALL, CallStatus.OPERATOR_CALLTO);
        } finally {
            engine.close();
        }
    }

    @Test
    void aCallYoungerThanItsOriginateIsNotTakenForLost() throws Exception {
        CallRecord young = created("young");
        TrackerThread engine = new TrackerThread(store, recordings, 100, new Metrics());
        engine.start(List.of());
        engine.track(young);
        engine.originateSent(young.callId(), young.createdAt());
        try {
            engine.reconcile(Set.of(), young.createdAt().plusSeconds(1), "the AMI link to Asterisk was down");
            engine.offer(new Fact.Ringing(young.callId()));

            awaitStatus(young, CallStatus.OPERATOR_CALLTO);
            assertThat(history.call(young.callId()).orElseThrow().endedAt()).isNull();
        } finally {
            engine.close();
        }
    }

    @Test
    void aConnectedCallsRecordingIsDueFromItsPickupUntilLinked() throws Exception {
        CallRecord call = created("talked");
        long id = call.callId();
        TrackerThread engine = new TrackerThread(store, recordings, 100, new Metrics());
        engine.start(history.callsInProgress());
        try {
            List.of(new Fact.Ringing(id), new Fact.Answered(id), new Fact.DialBegan(id), new Fact.DialEnded(id, "ANSWER"))
                    .forEach(engine::offer);
            awaitStatus(call, CallStatus.CLIENT_PICKUP);
            engine.offer(new Fact.ChannelGone(id, Leg.ORIGINATED, 16, ""));
            awaitStatus(call, CallStatus.FINISH);
            // no file in the folder: a daemon stopping now leaves it due for its next start
            assertThat(history.recordingsDue()).extracting(RecordingDue::callId, RecordingDue::file)
                    .containsExactly(tuple(id, recordings.fileOf(call)));
        } finally {
            engine.close();
        }
    }

    @Test
    void aCallWhoseOriginateWaitsItsTurnHasNoChannelYetAndIsNotTakenForLost() throws Exception {
        CallRecord waiting = created("waiting");
        CallRecord sent = created("sent");
        TrackerThread engine = new TrackerThread(store, recordings, 100, new Metrics());
        engine.start(List.of());
        engine.track(waiting);
        engine.track(sent);
        engine.originateSent(sent.callId(), sent.createdAt());
        try {
            engine.reconcile(Set.of(), waiting.createdAt().plusSeconds(60), "the AMI link to Asterisk was down");

            assertThat(awaitStatus(sent, CallStatus.ERROR).detail()).startsWith("outcome unknown");
            engine.offer(new Fact.Ringing(waiting.callId()));
            awaitStatus(waiting, CallStatus.OPERATOR_CALLTO);
            assertThat(history.call(waiting.callId()).orElseThrow().endedAt()).isNull();
        } finally {
            engine.close();
        }
    }

    @Test
    void afterARestartACallStoredButNeverOriginatedIsSentAgainInOrderAndOneAsteriskHasIsFollowed()
            throws Exception {
        CallRecord second = created("second");
        CallRecord first = created("first");
        CallRecord placed = created("placed-before-the-stop");
        CallRecord ringing = created("ringing");
        store.appendStatuses(ringing.callId(), ringing.orderId(),
                List.of(new StatusChange(CallStatus.OPERATOR_CALLTO, ""))).get();
        TrackerThread engine = new TrackerThread(store, recordings, 100, new Metrics());
        List<Long> resent = new java.util.concurrent.CopyOnWriteArrayList<>();
        engine.onNotSent(call -> resent.add(call.callId()));
        engine.start(history.callsInProgress());
        try {
            engine.reconcile(Set.of(placed.channelId(), ringing.channelId()), Instant.now().plusSeconds(10),
                    "the daemon was not running");
            engine.offer(new Fact.Ringing(placed.callId()));

            awaitStatus(placed, CallStatus.OPERATOR_CALLTO);
            assertThat(resent).as("in call order, the ones Asterisk has no channel of").containsExactly(
                    second.callId(), first.callId());
            assertThat(history.callsInProgress()).as("none closed: the resent ones are placed now")
                    .extracting(CallRecord::callId)
                    .containsExactly(second.callId(), first.callId(), placed.callId(), ringing.callId());
            assertThat(events(second)).extracting(StatusEvent::status).containsExactly(CallStatus.CALL);
        } finally {
            engine.close();
        }
    }

    /**
     * An unclear OriginateResponse is held until the channel's cause comes or the wait is over: the engine's timer
     * tells the tracker so, and the call still ends (a genuinely offline operator has no channel to wait for).
     */
    @Test
    void anUnclearOriginateResponseWaitsForTheCauseThenDecidesFromWhatIsKnown() throws Exception {
        CallRecord offline = created("offline");
        CallRecord busy = created("busy");
        TrackerThread engine = new TrackerThread(store, recordings, 100, new Metrics(), Duration.ofMillis(300));
        engine.start(history.callsInProgress());
        try {
            engine.offer(new Fact.OriginateFailed(offline.callId(), 0, true, false));
            engine.offer(new Fact.OriginateFailed(busy.callId(), 0, true, false));
            engine.offer(new Fact.ChannelGone(busy.callId(), Leg.ORIGINATED, 17, "486"));

            assertThat(awaitStatus(offline, CallStatus.OPERATOR_OFFLINE).detail())
                    .isEqualTo("OriginateResponse Reason 0; no channel within 300 ms; "
                            + "the operator's device is not registered or not reachable");
            assertThat(awaitStatus(busy, CallStatus.OPERATOR_BUSY).detail())
                    .isEqualTo("OriginateResponse Reason 0; operator cause 17 (User busy), SIP 486");
            assertThat(history.callsInProgress()).isEmpty();
            assertThat(events(busy)).extracting(StatusEvent::status)
                    .containsExactly(CallStatus.CALL, CallStatus.OPERATOR_BUSY);
        } finally {
            engine.close();
        }
    }

    @Test
    void callsAdoptedFromAStoppedDaemonAreSettledByTheSameRuleAsAtARestart() throws Exception {
        CallRecord notSent = created("not-sent");
        CallRecord lost = created("lost");
        CallRecord live = created("live");
        store.appendStatuses(lost.callId(), lost.orderId(),
                List.of(new StatusChange(CallStatus.OPERATOR_CALLTO, ""))).get();
        store.appendStatuses(live.callId(), live.orderId(),
                List.of(new StatusChange(CallStatus.OPERATOR_CALLTO, ""))).get();
        TrackerThread engine = new TrackerThread(store, recordings, 100, new Metrics());
        List<Long> resent = new java.util.concurrent.CopyOnWriteArrayList<>();
        engine.onNotSent(call -> resent.add(call.callId()));
        engine.start(List.of());
        try {
            engine.offer(new Fact.Answered(live.callId()));
            engine.adopt(history.callsInProgress());
            engine.reconcile(Set.of(live.channelId()), Instant.now().plusSeconds(10), "daemon 'a' was not running");
            engine.offer(new Fact.Answered(live.callId()));

            assertThat(awaitStatus(lost, CallStatus.ERROR).detail())
                    .isEqualTo("outcome unknown: ended while daemon 'a' was not running");
            assertThat(awaitStatus(live, CallStatus.OPERATOR_PICKUP)).as("followed from its adoption on").isNotNull();
            assertThat(resent).containsExactly(notSent.callId());
            assertThat(events(live)).extracting(StatusEvent::status).containsExactly(CallStatus.CALL,
                    CallStatus.OPERATOR_CALLTO, CallStatus.OPERATOR_PICKUP);
        } finally {
            engine.close();
        }
    }

    private CallRecord created(String key) throws Exception {
        return created(key, "1000");
    }

    private CallRecord created(String key, String sip) throws Exception {
        return store.createCall(sip, "380639920000", "order", key, FirstParty.OPERATOR, Duration.ofSeconds(5)).get();
    }

    /** The store is written asynchronously: wait (bounded) for the status to be committed. */
    private StatusEvent awaitStatus(CallRecord call, CallStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (StatusEvent event : events(call)) {
                if (event.status() == status) {
                    return event;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("call " + call.callId() + " never got " + status + ": " + events(call));
    }

    private List<StatusEvent> events(CallRecord call) {
        return history.callChain(call.callId()).map(CallChain::history).orElse(List.of());
    }
}
