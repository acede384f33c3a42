package io.callcontrol.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** systemd/wait-ready, the unit's readiness check, against a real server on port 0. */
class WaitReadyTest {

    /** The script's exit code, then what it printed. */
    private record Outcome(int exitCode, String output) {
    }

    @Test
    void aServerThatAnswersIsReady() throws Exception {
        try (TestServers.Running server = TestServers.start(Map.of())) {
            Outcome outcome = waitReady(server.port(), 10);

            assertThat(outcome.exitCode()).as(outcome.output()).isZero();
            assertThat(outcome.output()).contains("callcontrol answers on 127.0.0.1:" + server.port());
        }
    }

    @Test
    void aServerThatClosesLoopbackAtConnectIsReadyToo() throws Exception {
        // http.allow without loopback: the check's own connection is closed as it opens, with no answer.
        try (TestServers.Running server = TestServers.start(Map.of("http.allow", "10.0.0.0/8"))) {
            Outcome outcome = waitReady(server.port(), 10);

            assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        }
    }

    @Test
    void nothingListeningIsNotReady() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Outcome outcome = waitReady(closed, 1);

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.output()).contains("no HTTP answer on 127.0.0.1:" + closed);
    }

    private static Outcome waitReady(int port, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "systemd/wait-ready", "--timeout",
                Integer.toString(timeoutSeconds)).redirectErrorStream(true);
        builder.environment().remove("MAINPID");
        builder.environment().remove("CALLCONTROL_HTTP_BIND");
        builder.environment().put("CALLCONTROL_HTTP_PORT", Integer.toString(port));
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds + 20L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("wait-ready did not end");
        }
        return new Outcome(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
