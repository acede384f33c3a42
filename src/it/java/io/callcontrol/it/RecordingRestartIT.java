package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.Await;
import io.callcontrol.http.FeedClient;
import io.callcontrol.testbed.AsteriskTestbed;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon stopped (SIGTERM, kill -9) at once after a talked call's FINISH, before MixMonitor's file
 * was linked: started again on the same store, it links the recording and pushes its RECORDING event once.
 * And the recordings.format that puts GSM into a WAV file, on a file Asterisk wrote.
 */
@ExtendWith(AsteriskTestbed.class)
class RecordingRestartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    /** The feed's kinds: FINISHED (8) and RECORDING (16). */
    private static final String ENDS_AND_RECORDINGS = "?after_id=0&kinds=24";

    @TempDir
    Path data;

    private Map<String, String> config(String format) {
        return Map.of("data.dir", data.toString(), "http.port", "0",
                "agi.port", Integer.toString(AsteriskTestbed.AGI_PORT),
                "recordings.dir", AsteriskTestbed.recordingsDir().toString(), "recordings.format", format,
                "http.rate.per.minute", "0", "http.rate.per.day", "0");
    }

    @Test
    void aRecordingIsLinkedAfterADaemonKilledRightAfterTheCallsEnd() throws Exception {
        stoppedRightAfterTheEnd("late-kill", true);
    }

    @Test
    void aRecordingIsLinkedAfterADaemonStoppedRightAfterTheCallsEnd() throws Exception {
        stoppedRightAfterTheEnd("late-term", false);
    }

    /**
     * Stopped within milliseconds of FINISH, before the keeper's first look at the file (200 ms after the end), the
     * daemon leaves the recording due in the store, and the next one links it. On a loaded machine the FINISH can
     * reach the test's feed later than that look, and a SIGTERM stop drains what is queued, so the first daemon may
     * have linked it itself, which is right too. Either way the recording is linked, and pushed, exactly once.
     */
    private void stoppedRightAfterTheEnd(String order, boolean kill) throws Exception {
        long callId = stoppedAtTheEnd(order, kill);
        boolean due = stillDue(callId);
        System.out.printf("%s: the recording of call %d was %s%n", order, callId,
                due ? "still due at the stop" : "linked by the stopping daemon");
        startedAgainLinks(order, callId, due);
    }

    /** A talked call, and the daemon stopped within milliseconds of its FINISH; the call's id. */
    private long stoppedAtTheEnd(String order, boolean kill) throws Exception {
        long callId;
        try (DaemonProcess first = new DaemonProcess(config("wav"))) {
            int port = first.awaitServing(Duration.ofSeconds(30));
            RunningDaemon api = RunningDaemon.client(port);
            Calls.awaitAmi(api);
            FeedClient feed = FeedClient.connect(port, ENDS_AND_RECORDINGS);
            callId = Calls.make(api, "1000", "380639920000", order);
            Await.until(() -> !events(feed, callId, "FINISH").isEmpty(), PATIENCE, "FINISH pushed");
            // within milliseconds of FINISH: before the first look at the file (200 ms after the end)
            if (kill) {
                first.kill();
            } else {
                assertThat(first.terminate(Duration.ofSeconds(20))).isEqualTo(143);
            }
            assertThat(events(feed, callId, "RECORDING")).as("stopped before the link").isEmpty();
            // the daemon closed the feed's connection as it stopped (or died): nothing left to close here
        }
        return callId;
    }

    /**
     * Started again on the same store, the daemon links the recording (when it was still due) and its RECORDING
     * event is pushed once.
     */
    private void startedAgainLinks(String order, long callId, boolean due) throws Exception {
        try (DaemonProcess second = new DaemonProcess(config("wav"))) {
            int port = second.awaitServing(Duration.ofSeconds(30));
            RunningDaemon api = RunningDaemon.client(port);
            try (FeedClient feed = FeedClient.connect(port, ENDS_AND_RECORDINGS)) {
                JsonNode record = Calls.awaitRecording(api, order, callId);
                assertThat(record.get("size_bytes").asLong()).isGreaterThan(1_000);
                assertThat(record.get("duration_ms").asLong()).as("the client talks 3 s").isBetween(2_000L, 5_000L);
                JsonNode listed = api.api("recordList", Map.of("per_page", "5")).json().get("records").get(0);
                assertThat(listed.get("call_id").asLong()).isEqualTo(callId);

                Await.until(() -> !events(feed, callId, "RECORDING").isEmpty(), PATIENCE, "RECORDING pushed");
                Calls.make(api, "1001", "380639920000", order + "-after"); // busy: a later event marks the end
                Await.until(() -> feed.messages().stream().anyMatch(m -> m.get("status").asText().equals("OPERATOR_BUSY")),
                        PATIENCE, "the later call's end pushed");
                assertThat(events(feed, callId, "RECORDING")).as("once").hasSize(1);
            }
            if (due) {
                assertThat(second.output()).contains("looking for 1 recordings of calls that ended unlinked");
            } else {
                assertThat(second.output()).doesNotContain("recordings of calls that ended unlinked");
            }
        }
    }

    @Test
    void gsmInWavIsLinkedWithItsLength() throws Exception {
        for (String format : List.of("WAV", "wav49")) {
            String order = "gsm-" + format.toLowerCase();
            Map<String, String> config = new HashMap<>(config(format));
            config.put("data.dir", data.resolve(format).toString());
            try (DaemonProcess daemon = new DaemonProcess(config)) {
                RunningDaemon api = RunningDaemon.client(daemon.awaitServing(Duration.ofSeconds(30)));
                Calls.awaitAmi(api);
                long callId = Calls.make(api, "1000", "380639920000", order);
                assertThat(Calls.awaitEnd(api, callId, PATIENCE).get("status").asText()).isEqualTo("FINISH");
                JsonNode record = Calls.awaitRecording(api, order, callId);
                String file = record.get("file").asText();
                assertThat(file).as("the name Asterisk writes for %s", format).endsWith("-" + callId + ".WAV");
                Path written = AsteriskTestbed.recordingsDir().resolve(file);
                assertThat(record.get("size_bytes").asLong()).isEqualTo(Files.size(written)).isGreaterThan(1_000);
                assertThat(record.get("duration_ms").asLong()).as("the client talks 3 s").isBetween(2_000L, 5_000L);
                assertThat(api.download(record.get("url").asText(), "bytes=0-3").statusCode()).isEqualTo(206);
            }
        }
    }

    /** Whether the store still has the call's recording due (not linked), read from the SQLite file itself. */
    private boolean stillDue(long callId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("callcontrol.db"));
                PreparedStatement due = c.prepareStatement("SELECT count(*) FROM recordings_due WHERE call_id = ?")) {
            due.setLong(1, callId);
            try (ResultSet rs = due.executeQuery()) {
                return rs.next() && rs.getLong(1) == 1;
            }
        }
    }

    private static List<JsonNode> events(FeedClient feed, long callId, String status) {
        return feed.messages().stream()
                .filter(m -> m.get("call_id").asLong() == callId && m.get("status").asText().equals(status))
                .toList();
    }
}
