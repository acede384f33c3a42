package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.testbed.AsteriskTestbed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The packaged daemon killed -9 or stopped with SIGTERM while calls are in flight. */
@ExtendWith(AsteriskTestbed.class)
class DaemonCrashIT {

    @TempDir
    Path data;

    private Map<String, String> config() {
        return Map.of("data.dir", data.toString(), "http.port", "0",
                "agi.port", Integer.toString(AsteriskTestbed.AGI_PORT),
                "recordings.dir", AsteriskTestbed.recordingsDir().toString(),
                "operator.ring.timeout", "30s", "client.ring.timeout", "30s",
                "http.rate.per.minute", "0", "http.rate.per.day", "0");
    }

    @Test
    void afterKill9EveryReturnedCallIsThereLiveOnesAreFollowedAndEndedOnesClosed() throws Exception {
        long ringing;
        long talking;
        try (DaemonProcess first = new DaemonProcess(config())) {
            RunningDaemon api = RunningDaemon.client(first.awaitServing(Duration.ofSeconds(30)));
            Calls.awaitAmi(api);
            ringing = Calls.make(api, "1000", "380639920002", "crash-ringing");
            talking = Calls.make(api, "1000", "380639920000", "crash-talking");
            Calls.awaitStatus(api, ringing, "CLIENT_CALLTO", Duration.ofSeconds(10));
            Calls.awaitStatus(api, talking, "CLIENT_PICKUP", Duration.ofSeconds(10));

            first.kill();
        }
        // down long enough for the talking call (3 s of talk) to end; the client keeps ringing (30 s: time enough for
        // a second JVM to start and log in on a loaded machine)
        Thread.sleep(4_000);

        try (DaemonProcess second = new DaemonProcess(config())) {
            RunningDaemon api = RunningDaemon.client(second.awaitServing(Duration.ofSeconds(30)));

            JsonNode stillRinging = Calls.awaitEnd(api, ringing, Duration.ofSeconds(45));
            JsonNode ended = Calls.awaitEnd(api, talking, Duration.ofSeconds(30));
            assertThat(stillRinging.get("status").asText()).as("re-attached: %s", stillRinging).isEqualTo("CLIENT_NOANSWER");
            assertThat(ended.get("status").asText()).isEqualTo("FINISH");
            assertThat(Calls.lastDetail(ended)).contains("the daemon was not running");
            assertThat(second.output()).contains("following 2 calls still in progress");
        }
    }

    @Test
    void sigtermStopsInOrderWithinBoundedTimeKeepingTheHistory() throws Exception {
        long callId;
        int exit;
        String output;
        try (DaemonProcess daemon = new DaemonProcess(config())) {
            RunningDaemon api = RunningDaemon.client(daemon.awaitServing(Duration.ofSeconds(30)));
            Calls.awaitAmi(api);
            callId = Calls.make(api, "1001", "380639920000", "sigterm");
            Calls.awaitEnd(api, callId, Duration.ofSeconds(20));

            long t0 = System.nanoTime();
            exit = daemon.terminate(Duration.ofSeconds(20));
            System.out.printf("SIGTERM to exit: %d ms%n", Duration.ofNanos(System.nanoTime() - t0).toMillis());
            output = daemon.output();
        }
        assertThat(exit).as(output).isEqualTo(143);
        assertThat(output).contains("callcontrol stopping").contains("HTTP API stopped").contains("callcontrol stopped");
        assertThat(output.indexOf("HTTP API stopped")).isLessThan(output.indexOf("callcontrol stopped"));

        try (DaemonProcess again = new DaemonProcess(config())) {
            RunningDaemon api = RunningDaemon.client(again.awaitServing(Duration.ofSeconds(30)));
            JsonNode call = api.api("callHistory", Map.of("call_id", Long.toString(callId))).json();
            assertThat(call.get("status").asText()).isEqualTo("OPERATOR_BUSY");
        }
    }
}
