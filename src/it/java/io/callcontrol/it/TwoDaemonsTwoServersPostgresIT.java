package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.testbed.AsteriskTestbed;
import io.callcontrol.testbed.PostgresServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged daemons on one real PostgreSQL, each linked to the same two Asterisk servers (operators 1xxx on
 * pbx1, 2xxx on pbx2): every daemon sees every event of both servers, yet each call is followed once, by the daemon
 * that placed it, to its exact chain; the daemon killed -9, its ringing call on pbx2 is taken over by the other and
 * followed to its true end through that daemon's own pbx2 link.
 */
@ExtendWith({AsteriskTestbed.class, AsteriskTestbed.Second.class, PostgresServer.class})
class TwoDaemonsTwoServersPostgresIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final List<String> FINISHED = List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO",
            "CLIENT_PICKUP", "FINISH");
    private static final List<String> NOT_ANSWERED = List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP",
            "CLIENT_CALLTO", "CLIENT_NOANSWER");

    @TempDir
    Path data;

    @Test
    void callsOfBothServersFromBothDaemonsEndExactAndAKilledDaemonsCallIsFollowedOn() throws Exception {
        Map<String, String> store = PostgresServer.freshStoreSettings();
        try (DaemonProcess a = new DaemonProcess(config(store, "a", AsteriskTestbed.AGI_PORT))) {
            RunningDaemon apiA = RunningDaemon.client(a.awaitServing(PATIENCE));
            awaitHealth(apiA, "leader");
            // b's FastAGI port is not the dialplan's: it follows its calls by AMI alone
            try (DaemonProcess b = new DaemonProcess(config(store, "b", freePort()))) {
                RunningDaemon apiB = RunningDaemon.client(b.awaitServing(PATIENCE));
                awaitHealth(apiB, "follower");

                List<Long> ofA = List.of(Calls.make(apiA, "1000", "380639920000", order("a1")),
                        Calls.make(apiA, "2000", "380639920000", order("a2")));
                List<Long> ofB = List.of(Calls.make(apiB, "1000", "380639920000", order("b1")),
                        Calls.make(apiB, "2000", "380639920000", order("b2")));
                long ringing = Calls.make(apiA, "2000", "380639920002", order("ringing"));
                for (long call : ofA) {
                    assertThat(Calls.chain(Calls.awaitEnd(apiB, call, PATIENCE))).as("a's call %d, read on b", call)
                            .isEqualTo(FINISHED);
                }
                for (long call : ofB) {
                    assertThat(Calls.chain(Calls.awaitEnd(apiA, call, PATIENCE))).as("b's call %d, read on a", call)
                            .isEqualTo(FINISHED);
                }
                Calls.awaitStatus(apiA, ringing, "CLIENT_CALLTO", PATIENCE);

                a.kill();
                awaitHealth(apiB, "leader");
                JsonNode adopted = Calls.awaitEnd(apiB, ringing, PATIENCE);
                assertThat(Calls.chain(adopted)).as("a's ringing call on pbx2, followed on by b: %s", adopted)
                        .isEqualTo(NOT_ANSWERED);
            }
        }
    }

    private Map<String, String> config(Map<String, String> store, String name, int agiPort) {
        Map<String, String> config = new HashMap<>(store);
        config.putAll(Map.of("data.dir", data.resolve(name).toString(), "http.port", "0",
                "agi.port", Integer.toString(agiPort), "daemon.name", name,
                "recordings.dir", AsteriskTestbed.recordingsDir().toString(),
                "operator.ring.timeout", "10s", "client.ring.timeout", "15s",
                "http.rate.per.minute", "0", "http.rate.per.day", "0"));
        config.putAll(Map.of("ami.servers", "pbx1,pbx2",
                "ami.pbx1.host", AsteriskTestbed.AMI_HOST, "ami.pbx1.secret", "callcontrol-change-me",
                "ami.pbx1.operators", "1*",
                "ami.pbx2.host", AsteriskTestbed.AMI_HOST,
                "ami.pbx2.port", Integer.toString(AsteriskTestbed.SECOND_AMI_PORT),
                "ami.pbx2.secret", "callcontrol-change-me", "ami.pbx2.operators", "2*"));
        return config;
    }


    /** Until the daemon can place calls on both servers and has {@code role}. */
    private static void awaitHealth(RunningDaemon api, String role) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode health = null;
        while (System.nanoTime() < deadline) {
            health = api.get("/health", Map.of()).json();
            if (health.get("ami_ready").asBoolean() && role.equals(health.get("role").asText())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not ready as " + role + ": " + health);
    }

    private static String order(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
