package io.callcontrol.dial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.ami.AmiLink;
import io.callcontrol.ami.AmiReplayServer;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.Fact;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.Leg;
import io.callcontrol.config.Config;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.metrics.PrometheusText;
import io.callcontrol.recording.RecordingKeeper;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Database;
import io.callcontrol.track.TrackerThread;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The call meters move where calls do: the tracker thread (real store) and makeCall (real AMI link to a replay). */
class CallMetricsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Config config;
    private Database database;
    private CallStore store;
    private RecordingKeeper recordings;
    private final Metrics metrics = new Metrics();
    private TrackerThread engine;

    @BeforeEach
    void open() {
        config = Config.from(Map.of("data.dir", dir.toString(), "recordings.dir", dir.toString()));
        database = Database.open(config.storage());
        store = new CallStore(database, Clock.systemUTC());
        recordings = new RecordingKeeper(config.recordings(), store, List::of, metrics);
        engine = new TrackerThread(store, recordings, 100, metrics);
        metrics.watchTracker(engine::backlog, engine::callsInProgress, engine::droppedFacts);
    }

    @AfterEach
    void close() {
        engine.close();
        recordings.close();
        store.close();
        database.close();
        metrics.close();
    }

    @Test
    void aCallTrackedToItsEndCountsUnderItsTerminalStatus() throws Exception {
        engine.start(List.of());
        CallRecord answered = created("answered");
        CallRecord busy = created("busy");
        engine.track(answered);
        engine.track(busy);
        await(text -> text.value("callcontrol_calls_in_progress") == 2);

        long id = answered.callId();
        List.of(new Fact.Ringing(id), new Fact.Answered(id), new Fact.DialBegan(id),
                new Fact.DialEnded(id, "ANSWER"), new Fact.ChannelGone(id, Leg.ORIGINATED, 16, ""))
                .forEach(engine::offer);
        // one scrape reads the meters one by one while the tracker moves: wait for the state, not one meter of it
        PrometheusText finished = await(text -> text.value("callcontrol_calls_ended_total", "status", "FINISH") == 1
                && text.value("callcontrol_calls_in_progress") == 1);
        assertThat(finished.value("callcontrol_calls_ended_total", "status", "OPERATOR_BUSY")).isZero();

        engine.offer(new Fact.OriginateFailed(busy.callId(), 5, true, false));
        PrometheusText ended = await(text -> text.value("callcontrol_calls_ended_total", "status", "OPERATOR_BUSY") == 1
                && text.value("callcontrol_calls_in_progress") == 0);
        assertThat(ended.value("callcontrol_calls_ended_total", "status", "FINISH")).as("once only").isEqualTo(1);
        assertThat(ended.value("callcontrol_calls_ended_total", "status", "ERROR")).isZero();
    }

    @Test
    void factsDroppedOnAFullQueueAreCounted() {
        TrackerThread small = new TrackerThread(store, recordings, 10, metrics);
        try (Metrics own = new Metrics()) {
            own.watchTracker(small::backlog, small::callsInProgress, small::droppedFacts);
            for (int i = 0; i < 25; i++) {
                small.offer(new Fact.Ringing(1));
            }
            PrometheusText text = PrometheusText.parse(own.scrape());
            assertThat(text.value("callcontrol_tracker_dropped_facts_total")).isEqualTo(15);
            assertThat(text.value("callcontrol_tracker_queue_depth")).isEqualTo(10);
        } finally {
            small.close();
        }
    }

    @Test
    void makeCallCountsTheStartAndTimesTheOriginateUntilItIsWritten() throws Exception {
        engine.start(List.of());
        try (AmiReplayServer asterisk = AmiReplayServer.start(List.of(), 1);
                AmiLink ami = new AmiLink(Config.from(Map.of("ami.port", Integer.toString(asterisk.port()))).ami(),
                        event -> { }, () -> { }, metrics)) {
            AmiDialer dialer =
                    new AmiDialer(config.dial(), store, engine, ami, recordings, metrics, Clock.systemUTC());
            assertThatThrownBy(() -> dialer.makeCall(CallRequest.of("1000", "380639920000", "order", "key-1")))
                    .as("not logged in yet: refused before anything is recorded")
                    .isInstanceOfSatisfying(CallRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo(CallRefusedException.Reason.ASTERISK_UNAVAILABLE));
            PrometheusText refused = PrometheusText.parse(metrics.scrape());
            assertThat(refused.value("callcontrol_calls_started_total")).isZero();
            assertThat(refused.value("callcontrol_originate_failures_total", "reason", "not_sent")).isZero();

            ami.start();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!ami.connected()) {
                assertThat(System.nanoTime()).as("logged in to the replay server").isLessThan(deadline);
                Thread.sleep(10);
            }
            dialer.makeCall(CallRequest.of("1000", "380639920000", "order", "key-2"));

            PrometheusText text = await(t -> t.value("callcontrol_calls_in_progress") == 1);
            assertThat(text.value("callcontrol_calls_started_total")).isEqualTo(1);
            assertThat(text.value("callcontrol_originate_latency_seconds_count")).isEqualTo(1);
            assertThat(text.value("callcontrol_originate_latency_seconds_sum")).isPositive().isLessThan(10);
            assertThat(text.value("callcontrol_originate_failures_total", "reason", "refused")).isZero();
        }
    }

    private CallRecord created(String key) throws Exception {
        return store.createCall("1000", "380639920000", "order", key, FirstParty.OPERATOR,
                Duration.ofSeconds(5)).get();
    }

    /** The tracker works on its own thread: scrape until the condition holds (bounded). */
    private PrometheusText await(Predicate<PrometheusText> condition) throws Exception {
        return PrometheusText.await(metrics::scrape, TIMEOUT, condition);
    }
}
