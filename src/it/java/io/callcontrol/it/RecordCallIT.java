package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.testbed.RecordedAudio;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * recordCall on the real Asterisk, both phones playing audio from their answer on (about 7 s each): a pause is a
 * silent stretch of its length in the linked recording with sound on both sides of it; a stop closes the file there
 * (the linked recording is shorter than the call); start, with the shipped AMI user, is refused by Asterisk for want
 * of 'system' and the answer says so; with a user that has it, start appends to the same file, which comes out a
 * valid WAV holding both parts.
 */
class RecordCallIT extends WithDaemon {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void thePausedStretchIsSilentAndTheRestIsNot() throws Exception {
        long callId = Calls.make(daemon, "1000", "380639920004", "record-pause");
        Calls.awaitStatus(daemon, callId, "CLIENT_PICKUP", PATIENCE);
        Thread.sleep(1_500);
        assertThat(record(callId, "pause").json().get("channel").asText()).startsWith("PJSIP/1000-");
        RunningDaemon.Reply again = record(callId, "pause");
        Thread.sleep(3_000);
        RunningDaemon.Reply early = record(callId, "start");
        assertThat(record(callId, "resume").status()).isEqualTo(200);
        RunningDaemon.Reply notPaused = record(callId, "resume");
        Thread.sleep(1_500);
        daemon.api("releaseCall", Map.of("call_id", Long.toString(callId)));
        JsonNode ended = Calls.awaitEnd(daemon, callId, PATIENCE);

        System.out.println("pause again: " + again.body() + "\nstart while paused: " + early.body()
                + "\nresume again: " + notPaused.body());
        assertConflict(again, "recording_paused");
        assertConflict(early, "recording_running");
        assertConflict(notPaused, "recording_not_paused");
        assertConflict(record(callId, "stop"), "call_ended");
        assertThat(ended.get("status").asText()).isEqualTo("FINISH");

        RecordedAudio audio = audio(Calls.awaitRecording(daemon, "record-pause", callId));
        long[] silence = audio.longestSilence();
        System.out.printf("recording %d ms, longest silence %d-%d ms, loud before %.2f, after %.2f%n", audio.millis(),
                silence[0], silence[1], audio.loudShare(0, silence[0]), audio.loudShare(silence[1], audio.millis()));
        assertThat(silence[1] - silence[0]).as("the pause, about 3 s").isBetween(2_500L, 3_600L);
        assertThat(silence[0]).as("the pause began 1.5 s into the talk").isBetween(700L, 2_500L);
        assertThat(audio.millis()).as("the file keeps the call's length").isGreaterThan(silence[1] + 1_000);
        assertThat(audio.loudShare(0, silence[0])).as("before the pause").isGreaterThan(0.5);
        assertThat(audio.loudShare(silence[1], silence[1] + 1_000)).as("after the resume").isGreaterThan(0.5);
        assertThat(traced(callId)).containsExactly("record_call pause", "record_call resume");
    }

    @Test
    void aStopClosesTheRecordingThereAndStartIsRefusedForWantOfSystem() throws Exception {
        long callId = Calls.make(daemon, "1000", "380639920004", "record-stop");
        Calls.awaitStatus(daemon, callId, "CLIENT_PICKUP", PATIENCE);
        Thread.sleep(2_000);
        RunningDaemon.Reply stopped = record(callId, "stop");
        RunningDaemon.Reply pause = record(callId, "pause");
        RunningDaemon.Reply stopAgain = record(callId, "stop");
        RunningDaemon.Reply start = record(callId, "start");
        RunningDaemon.Reply bad = record(callId, "stop\r\nAction: Hangup");
        Thread.sleep(3_000);
        daemon.api("releaseCall", Map.of("call_id", Long.toString(callId)));
        JsonNode ended = Calls.awaitEnd(daemon, callId, PATIENCE);

        System.out.println("stop: " + stopped.body() + "\npause when stopped: " + pause.body() + "\nstop again: "
                + stopAgain.body() + "\nstart: " + start.body() + "\nbad: " + bad.body());
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().get("detail").asText()).isEqualTo("stop");
        assertConflict(pause, "recording_stopped");
        assertConflict(stopAgain, "recording_stopped");
        assertThat(start.status()).isEqualTo(502);
        assertThat(start.json().at("/error/code").asText()).isEqualTo("asterisk_refused");
        assertThat(start.json().at("/error/message").asText()).contains("Permission denied", "write = ...,system");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/parameter").asText()).isEqualTo("action");
        assertThat(ended.get("status").asText()).isEqualTo("FINISH");

        JsonNode recording = Calls.awaitRecording(daemon, "record-stop", callId);
        long talked = between(ended, "CLIENT_PICKUP", "FINISH");
        System.out.println("talked " + talked + " ms, recording " + recording);
        assertThat(talked).isGreaterThan(4_500);
        assertThat(recording.get("duration_ms").asLong()).as("recorded until the stop")
                .isBetween(1_000L, 3_000L).isLessThan(talked - 2_000);
        assertThat(audio(recording).loudShare(0, 1_000)).isGreaterThan(0.5);
        assertThat(traced(callId)).containsExactly("record_call stop");
    }

    @Test
    void withSystemPermissionStartAppendsToTheSameFile() throws Exception {
        daemon.close();
        daemon = new RunningDaemon(data, Map.of("ami.username", "testbed", "ami.secret", "testbed"));
        try {
            Calls.awaitAmi(daemon);
            long callId = Calls.make(daemon, "1000", "380639920004", "record-start");
            Calls.awaitStatus(daemon, callId, "CLIENT_PICKUP", PATIENCE);
            Thread.sleep(1_500);
            assertThat(record(callId, "stop").status()).isEqualTo(200);
            Thread.sleep(1_500);
            RunningDaemon.Reply started = record(callId, "start");
            RunningDaemon.Reply twice = record(callId, "start");
            Thread.sleep(1_500);
            daemon.api("releaseCall", Map.of("call_id", Long.toString(callId)));
            JsonNode ended = Calls.awaitEnd(daemon, callId, PATIENCE);

            System.out.println("start: " + started.body() + "\nstart again: " + twice.body());
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            assertConflict(twice, "recording_running");
            JsonNode recording = Calls.awaitRecording(daemon, "record-start", callId);
            RecordedAudio audio = audio(recording);
            long talked = between(ended, "CLIENT_PICKUP", "FINISH");
            long[] silence = audio.longestSilence();
            System.out.printf("talked %d ms, recording %s, %d ms of audio, longest silence %d ms%n", talked,
                    recording, audio.millis(), silence[1] - silence[0]);
            // linked at all means the header's sizes match the file (RecordingFile); both parts are in it, end to end
            assertThat(recording.get("duration_ms").asLong()).isEqualTo(audio.millis());
            assertThat(audio.millis()).as("both parts, without the stopped stretch")
                    .isBetween(2_400L, 3_800L).isLessThan(talked - 1_000);
            assertThat(silence[1] - silence[0]).as("no gap where the parts meet").isLessThan(500);
            assertThat(audio.loudShare(0, audio.millis())).isGreaterThan(0.5);
            assertThat(traced(callId)).containsExactly("record_call stop", "record_call start");
        } finally {
            daemon.close();
            daemon = new RunningDaemon(data, Map.of());
            Calls.awaitAmi(daemon);
        }
    }

    private static RunningDaemon.Reply record(long callId, String action) throws Exception {
        return daemon.api("recordCall", Map.of("call_id", Long.toString(callId), "action", action));
    }

    private static void assertConflict(RunningDaemon.Reply reply, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(409);
        assertThat(reply.json().at("/error/code").asText()).as(reply.body()).isEqualTo(code);
    }

    private static RecordedAudio audio(JsonNode recording) throws Exception {
        HttpResponse<byte[]> file = daemon.download(recording.get("url").asText(), null);
        assertThat(file.statusCode()).isEqualTo(200);
        return new RecordedAudio(file.body());
    }

    private static List<String> traced(long callId) throws Exception {
        List<String> traced = new ArrayList<>();
        daemon.api("callActions", Map.of("call_id", Long.toString(callId))).json().get("actions")
                .forEach(a -> traced.add(a.get("action").asText() + " " + a.get("detail").asText()));
        return traced;
    }

    /** Milliseconds from the call's status {@code from} to its status {@code to}, by the history's times. */
    private static long between(JsonNode call, String from, String to) {
        long[] at = new long[2];
        call.get("history").forEach(event -> {
            String status = event.get("status").asText();
            if (status.equals(from) || status.equals(to)) {
                at[status.equals(from) ? 0 : 1] = OffsetDateTime.parse(event.get("time").asText()).toInstant()
                        .toEpochMilli();
            }
        });
        return at[1] - at[0];
    }
}
