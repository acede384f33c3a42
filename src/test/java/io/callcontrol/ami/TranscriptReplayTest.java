package io.callcontrol.ami;

import static io.callcontrol.call.CallStatus.CLIENT_BUSY;
import static io.callcontrol.call.CallStatus.CLIENT_CALLTO;
import static io.callcontrol.call.CallStatus.CLIENT_CANCEL;
import static io.callcontrol.call.CallStatus.CLIENT_NOANSWER;
import static io.callcontrol.call.CallStatus.CLIENT_PICKUP;
import static io.callcontrol.call.CallStatus.ERROR;
import static io.callcontrol.call.CallStatus.FINISH;
import static io.callcontrol.call.CallStatus.OPERATOR_BUSY;
import static io.callcontrol.call.CallStatus.OPERATOR_CALLTO;
import static io.callcontrol.call.CallStatus.OPERATOR_NOANSWER;
import static io.callcontrol.call.CallStatus.OPERATOR_OFFLINE;
import static io.callcontrol.call.CallStatus.OPERATOR_PICKUP;
import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.Await;
import io.callcontrol.call.CallProgress;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.CallTracker;
import io.callcontrol.call.ChannelFact;
import io.callcontrol.call.ChannelIds;
import io.callcontrol.call.Fact;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.Leg;
import io.callcontrol.call.StatusChange;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.config.Config;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.metrics.PrometheusText;
import io.callcontrol.recording.RecordingKeeper;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Database;
import io.callcontrol.storage.SqlHistory;
import io.callcontrol.track.TrackerThread;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls recorded from a real Asterisk 22, replayed through a real asterisk-java connection, {@link AmiTranslator}
 * and {@link CallTracker}: the statuses a CRM would see for each kind of call, without Asterisk.
 */
class TranscriptReplayTest {

    private static final long CALL_ID = 42;
    private static final String CHANNEL_ID = ChannelIds.of(CALL_ID, "0a1b2c3d");
    /** Only a bound for a broken replay; a good one ends as soon as its ReplayEnd marker arrives. */
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(15);

    /** The statuses emitted after CALL, in order, and a fragment of the last one's detail. */
    record Expected(String transcript, List<CallStatus> chain, String detail) {
        @Override
        public String toString() {
            return transcript;
        }
    }

    static Stream<Expected> transcripts() {
        return Stream.of(
                new Expected("answered",
                        List.of(OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_PICKUP, FINISH), "cause 16"),
                new Expected("client-quick-hangup",
                        List.of(OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_PICKUP, FINISH), "cause 16"),
                new Expected("operator-busy", List.of(OPERATOR_BUSY), "SIP 486"),
                new Expected("operator-noanswer", List.of(OPERATOR_CALLTO, OPERATOR_NOANSWER), "Reason 3"),
                new Expected("operator-offline", List.of(OPERATOR_OFFLINE), "not registered or not reachable"),
                new Expected("client-busy",
                        List.of(OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_BUSY), "DIALSTATUS=BUSY"),
                new Expected("client-noanswer", List.of(OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO,
                        CLIENT_NOANSWER), "DIALSTATUS=NOANSWER"),
                // operator 1004 answers without ringing: no OPERATOR_CALLTO
                new Expected("client-cancel",
                        List.of(OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_CANCEL), "DIALSTATUS=CANCEL"),
                new Expected("client-notfound",
                        List.of(OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, ERROR), "SIP 404"),
                new Expected("client-unavailable",
                        List.of(OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, ERROR), "CONGESTION"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void replayGivesTheRecordedCallsStatuses(Expected expected) throws Exception {
        List<ChannelFact> told = told(replay(expected.transcript(), 1), device -> true);

        // every fact keeps the whole channel id, token included, for the tracker to check
        assertThat(told).isNotEmpty().allSatisfy(fact -> {
            assertThat(fact.fact().callId()).isEqualTo(CALL_ID);
            assertThat(fact.channelId()).isEqualTo(CHANNEL_ID);
        });
        assertChain(track(told.stream().map(ChannelFact::fact).toList()), expected);
    }

    @Test
    void operatorUnknownToAsteriskIsAnErrorNotOffline() throws Exception {
        List<StatusChange> changes = track(translate(replay("operator-offline", 1), device -> false));

        assertThat(changes).extracting(StatusChange::status).containsExactly(ERROR);
        assertThat(changes.get(0).detail()).contains("no such operator endpoint");
    }

    /**
     * The recorded offline call, its device last told UNAVAILABLE (as the device state list at login tells for a phone
     * with no contact): no channel can still come, so the OriginateResponse decides at once, without the wait.
     */
    @Test
    void offlineOperatorWhoseDeviceIsUnavailableIsDecidedAtOnce() throws Exception {
        List<Fact> facts = told(replay("operator-offline", 1), device -> true, "PJSIP/1003"::equals).stream()
                .map(ChannelFact::fact).toList();

        List<StatusChange> changes = trackWithoutTheWait(facts);

        assertThat(changes).extracting(StatusChange::status).containsExactly(OPERATOR_OFFLINE);
        assertThat(changes.get(0).detail()).contains("OriginateResponse Reason 0", "device is UNAVAILABLE: not registered or not reachable")
                .doesNotContain("within");
    }

    /** A device told available still waits after an unclear OriginateResponse: only the cause may decide busy. */
    @Test
    void busyOperatorWhoseDeviceIsAvailableStillWaitsForTheCause() throws Exception {
        List<String> recorded = AmiTranscript.load("operator-busy").events(CHANNEL_ID);
        List<String> responseOnly = recorded.stream().filter(e -> e.startsWith("Event: OriginateResponse")).toList();

        List<Fact> facts = told(replayEvents(responseOnly, 1), device -> true, device -> false).stream()
                .map(ChannelFact::fact).toList();

        assertThat(facts).hasSize(1);
        assertThat(trackWithoutTheWait(facts)).isEmpty();
    }

    /**
     * The recorded busy call in the order it can come under load (constructed: the recorded transcript with its
     * OriginateResponse moved in front of every channel event, as Asterisk sends it straight to the session while
     * the channel's events wait on its message bus). Reason 0 must not be taken for an offline operator.
     */
    @Test
    void busyOperatorWhoseOriginateResponseOvertakesTheChannelEventsIsBusy() throws Exception {
        List<String> recorded = AmiTranscript.load("operator-busy").events(CHANNEL_ID);
        List<String> reordered = new ArrayList<>(recorded.stream().filter(e -> e.startsWith("Event: OriginateResponse"))
                .toList());
        assertThat(reordered).hasSize(1);
        recorded.stream().filter(e -> !e.startsWith("Event: OriginateResponse")).forEach(reordered::add);

        List<Fact> facts = translate(replayEvents(reordered, 1), device -> true);

        assertThat(facts.get(0)).isInstanceOf(Fact.OriginateFailed.class);
        assertChain(track(facts), new Expected("operator-busy reordered", List.of(OPERATOR_BUSY), "SIP 486"));
    }

    /** Only the registered subclasses carry Asterisk 22's TechCause: without them the SIP code is lost. */
    @Test
    void hangupsCarryTheSipCode() throws Exception {
        List<ManagerEvent> events = replay("operator-busy", 1);

        assertThat(events).filteredOn(e -> e.getClass().getSimpleName().startsWith("Hangup"))
                .hasAtLeastOneElementOfType(HangupWithTechCauseEvent.class)
                .hasAtLeastOneElementOfType(HangupRequestWithTechCauseEvent.class);
        assertThat(translate(events, device -> true)).contains(
                new Fact.HangupCause(CALL_ID, Leg.ORIGINATED, 17, "486"),
                new Fact.ChannelGone(CALL_ID, Leg.ORIGINATED, 17, "486"));
    }

    /** After a reconnect the same events may come again; the chain must not change, no status may repeat. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void eventsReplayedAfterAReconnectChangeNothing(Expected expected) throws Exception {
        List<Fact> facts = translate(replay(expected.transcript(), 2), device -> true);

        // the second connection really delivered the same facts again
        assertThat(facts).hasSizeGreaterThan(0).size().isEven();
        assertThat(facts.subList(facts.size() / 2, facts.size())).isEqualTo(facts.subList(0, facts.size() / 2));
        List<StatusChange> changes = track(facts);
        assertThat(changes).extracting(StatusChange::status).doesNotHaveDuplicates();
        assertChain(changes, expected);
    }

    /** The same fact twice in a row (AMI and the AGI hook, say) emits nothing the second time. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void eachFactTwiceInARowChangesNothing(Expected expected) throws Exception {
        List<Fact> doubled = translate(replay(expected.transcript(), 1), device -> true).stream()
                .flatMap(fact -> Stream.of(fact, fact)).toList();

        assertChain(track(doubled), expected);
    }

    /**
     * The call's number with another token: a call of another daemon on the same Asterisk, or one from before the
     * store was restored from a backup. Its events are ignored and counted, while the call's own still count.
     */
    @Test
    void eventsOfAnotherCallWithTheSameNumberChangeNothingAndAreCounted(@TempDir Path dir) throws Exception {
        Config config = Config.from(Map.of("data.dir", dir.toString(), "recordings.dir", dir.toString()));
        try (Database database = Database.open(config.storage());
                CallStore store = new CallStore(database, Clock.systemUTC());
                Metrics metrics = new Metrics();
                RecordingKeeper recordings = new RecordingKeeper(config.recordings(), store, List::of, metrics);
                TrackerThread engine = new TrackerThread(store, recordings, 1_000, metrics)) {
            SqlHistory history = new SqlHistory(database);
            CallRecord ours = store.createCall("1000", "380639920000", "order", "key", FirstParty.OPERATOR,
                    Duration.ofSeconds(5)).get();
            engine.start(history.callsInProgress());
            String theirs = ChannelIds.of(ours.callId(), ours.channelId().endsWith("-ffffffff") ? "00000000" : "ffffffff");

            List<ChannelFact> foreign = told(replay("client-busy", 1, theirs), device -> true);
            foreign.forEach(engine::offer);

            PrometheusText.await(metrics::scrape, REPLAY_TIMEOUT,
                    m -> m.value("callcontrol_ami_events_refused_total") == foreign.size());
            assertThat(foreign).hasSizeGreaterThan(3);
            assertThat(statuses(history, ours)).containsExactly(CallStatus.CALL);
            assertThat(engine.callsInProgress()).isEqualTo(1);

            told(replay("answered", 1, ours.channelId()), device -> true).forEach(engine::offer);

            Await.until(() -> history.call(ours.callId()).orElseThrow().endedAt() != null, REPLAY_TIMEOUT,
                    "call " + ours.callId() + " ended by its own events");
            assertThat(statuses(history, ours)).containsExactly(CallStatus.CALL, OPERATOR_CALLTO, OPERATOR_PICKUP,
                    CLIENT_CALLTO, CLIENT_PICKUP, FINISH);
            assertThat(PrometheusText.parse(metrics.scrape()).value("callcontrol_ami_events_refused_total"))
                    .isEqualTo(foreign.size());
        }
    }

    private static List<CallStatus> statuses(SqlHistory history, CallRecord call) {
        return history.callChain(call.callId()).orElseThrow().history().stream().map(StatusEvent::status).toList();
    }

    private static void assertChain(List<StatusChange> changes, Expected expected) {
        assertThat(changes).extracting(StatusChange::status).containsExactlyElementsOf(expected.chain());
        assertThat(changes.get(changes.size() - 1).detail()).contains(expected.detail());
    }

    /**
     * Logs a real asterisk-java connection in to a replay server, as AmiLink does, and returns what it delivered
     * over {@code connections} connections: after each replay the server drops the client, which reconnects.
     */
    private static List<ManagerEvent> replay(String transcript, int connections) throws Exception {
        return replay(transcript, connections, CHANNEL_ID);
    }

    /** As {@link #replay(String, int)}, with the recorded call's channel id replaced by {@code channelId}. */
    private static List<ManagerEvent> replay(String transcript, int connections, String channelId) throws Exception {
        return replayEvents(AmiTranscript.load(transcript).events(channelId), connections);
    }

    private static List<ManagerEvent> replayEvents(List<String> events, int connections) throws Exception {
        String transcript = events.size() + " events";
        ReceivedEvents received = new ReceivedEvents();
        try (AmiReplayServer server = AmiReplayServer.start(events, connections)) {
            ManagerConnection connection =
                    new ManagerConnectionFactory("127.0.0.1", server.port(), "callcontrol", "secret")
                            .createManagerConnection();
            connection.registerUserEventClass(HangupWithTechCauseEvent.class);
            connection.registerUserEventClass(HangupRequestWithTechCauseEvent.class);
            connection.registerUserEventClass(ReplayEndEvent.class);
            connection.addEventListener(received);
            connection.login();
            try {
                for (int replayed = 1; replayed <= connections; replayed++) {
                    assertThat(received.awaitReplays(1, REPLAY_TIMEOUT))
                            .as("replay %d of %s ended", replayed, transcript).isTrue();
                    if (replayed < connections) {
                        server.dropClients();
                    }
                }
            } finally {
                if (connection.getState() == ManagerConnectionState.CONNECTED
                        || connection.getState() == ManagerConnectionState.RECONNECTING) {
                    connection.logoff();
                }
            }
            assertThat(server.connectionsServed()).isEqualTo(connections);
        }
        return received.events();
    }

    private static List<Fact> translate(List<ManagerEvent> events, Predicate<String> knownDevice) {
        return told(events, knownDevice, device -> false).stream().map(ChannelFact::fact).toList();
    }

    private static List<ChannelFact> told(List<ManagerEvent> events, Predicate<String> knownDevice) {
        return told(events, knownDevice, device -> false);
    }

    private static List<ChannelFact> told(List<ManagerEvent> events, Predicate<String> knownDevice,
            Predicate<String> unavailableDevice) {
        AmiTranslator translator = new AmiTranslator(knownDevice, unavailableDevice);
        return events.stream().map(translator::fact).filter(Objects::nonNull).toList();
    }

    /** The facts through the tracker from a new call, without the timer's word that the wait is over. */
    private static List<StatusChange> trackWithoutTheWait(List<Fact> facts) {
        CallProgress progress = CallProgress.started(FirstParty.OPERATOR);
        List<StatusChange> changes = new ArrayList<>();
        for (Fact fact : facts) {
            CallTracker.Step step = CallTracker.next(progress, fact);
            progress = step.progress();
            changes.addAll(step.changes());
        }
        return changes;
    }

    /**
     * Runs the facts through the tracker from a new call, as the daemon's tracker thread does, and then, as its
     * timer does after an unclear OriginateResponse, tells it that the wait for later facts is over.
     */
    private static List<StatusChange> track(List<Fact> facts) {
        CallProgress progress = CallProgress.started(FirstParty.OPERATOR);
        List<StatusChange> changes = new ArrayList<>();
        List<Fact> andTheWaitOver = new ArrayList<>(facts);
        andTheWaitOver.add(new Fact.VerdictDue(CALL_ID, 5000));
        for (Fact fact : andTheWaitOver) {
            CallTracker.Step step = CallTracker.next(progress, fact);
            progress = step.progress();
            changes.addAll(step.changes());
        }
        return changes;
    }
}
