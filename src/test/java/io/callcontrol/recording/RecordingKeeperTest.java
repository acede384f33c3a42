package io.callcontrol.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.Await;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusChange;
import io.callcontrol.config.Config;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.push.LoggedEvent;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Database;
import io.callcontrol.storage.EventLog;
import io.callcontrol.storage.SqlHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon that stopped before a connected call's file was closed finds it at its next start (or after an AMI
 * login): linked once, with one RECORDING event; a file that never appears is reported once, across restarts.
 */
class RecordingKeeperTest {

    private static final long[] QUICK = {10, 10, 10};
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Config config;
    private Database database;
    private CallStore store;
    private SqlHistory history;

    @BeforeEach
    void open() {
        config = Config.from(Map.of("data.dir", dir.toString(), "recordings.dir", dir.toString(),
                "recordings.format", "WAV"));
        database = Database.open(config.storage());
        store = new CallStore(database, Clock.systemUTC());
        history = new SqlHistory(database);
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    private RecordingKeeper keeper(Metrics metrics) {
        return new RecordingKeeper(config.recordings(), store, history::recordingsDue, metrics, QUICK);
    }

    /** A call that was connected (its recording noted due by {@code keeper}) and then ended. */
    private CallRecord talkedCall(RecordingKeeper keeper, String key) {
        CallRecord call = store.createCall("1000", "380639920000", "o-" + key, key, FirstParty.OPERATOR,
                Duration.ofSeconds(5)).join();
        store.appendStatuses(call.callId(), call.orderId(), List.of(new StatusChange(CallStatus.CLIENT_PICKUP, ""))).join();
        keeper.expect(call);
        store.appendStatuses(call.callId(), call.orderId(), List.of(new StatusChange(CallStatus.FINISH, ""))).join();
        return call;
    }

    private void writeSample(String file) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        try (InputStream sample = Objects.requireNonNull(getClass().getResourceAsStream("/recordings/gsm-in-wav.WAV"))) {
            Files.copy(sample, path);
        }
    }

    private long recordingEvents() {
        return new EventLog(database).after(0, 1_000).stream()
                .filter(e -> e instanceof LoggedEvent.RecordingReady).count();
    }

    @Test
    void aRecordingLeftDueByAStoppedDaemonIsLinkedAtTheNextStartOnce() throws Exception {
        CallRecord call;
        String file;
        try (RecordingKeeper stopped = keeper(new Metrics())) {
            call = talkedCall(stopped, "late");
            file = stopped.fileOf(call);
        } // stopped before the call's end was seen: nothing searched
        assertThat(file).endsWith("/o-late-" + call.callId() + ".WAV");
        writeSample(file); // MixMonitor closed it while the daemon was down

        Metrics metrics = new Metrics();
        try (RecordingKeeper started = keeper(metrics)) {
            started.resume();
            Await.until(() -> history.recordingsOfCalls(call.orderId(), 0, Long.MAX_VALUE).size() == 1, PATIENCE, "the late recording");
            started.resume(); // an AMI login later: nothing due any more
            started.collect(call); // and the tracker's own end of the same call: the same row, no new event
            Await.until(() -> store.backlog() == 0 && history.recordingsDue().isEmpty(), PATIENCE, "nothing due");
        }
        assertThat(history.recordingsOfCalls(call.orderId(), 0, Long.MAX_VALUE)).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(file);
            assertThat(r.sizeBytes()).isEqualTo(Files.size(dir.resolve(file)));
            assertThat(r.durationMs()).isBetween(2_000L, 5_000L);
        });
        assertThat(recordingEvents()).isEqualTo(1);
        assertThat(metrics.scrape()).contains("callcontrol_recordings_missing_total 0.0");
    }

    @Test
    void aFileThatNeverAppearsIsReportedOnceAcrossRestarts() throws Exception {
        Metrics first = new Metrics();
        CallRecord call;
        try (RecordingKeeper keeper = keeper(first)) {
            call = talkedCall(keeper, "never");
            keeper.collect(call);
            Await.until(() -> first.scrape().contains("callcontrol_recordings_missing_total 1.0"), PATIENCE,
                    "the missing recording reported");
        }
        assertThat(history.recordingsDue()).isEmpty();

        Metrics second = new Metrics();
        try (RecordingKeeper restarted = keeper(second)) {
            restarted.resume();
            talkedCall(restarted, "other"); // a later call, still due, shows the resume ran its search
            restarted.resume();
            Await.until(() -> history.recordingsDue().isEmpty() && store.backlog() == 0
                    && !second.scrape().contains("callcontrol_recordings_missing_total 0.0"), PATIENCE,
                    "the later call's recording reported");
        }
        assertThat(second.scrape()).as("the later call only: the first is not reported again")
                .contains("callcontrol_recordings_missing_total 1.0");
        assertThat(history.recordingsOfCalls(call.orderId(), 0, Long.MAX_VALUE)).isEmpty();
    }
}
