package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.metrics.PrometheusText;
import io.callcontrol.testbed.AsteriskTestbed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One daemon, two real Asterisk servers: operators 1xxx on server {@code a} (the testbed's first Asterisk), 2xxx on
 * {@code b} (its second). Calls of both end with their exact chains; server b killed (-9) closes only its own calls,
 * refuses only its operators' makeCalls, and its operators are called again once it is back.
 */
@ExtendWith({AsteriskTestbed.class, AsteriskTestbed.Second.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoServersIT {

    private static final List<String> CONNECTED = List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP",
            "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH");

    @TempDir
    static Path data;
    static RunningDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = new RunningDaemon(data, Map.of(
                "ami.servers", "a,b",
                "ami.a.host", AsteriskTestbed.AMI_HOST,
                "ami.a.secret", "callcontrol-change-me",
                "ami.a.operators", "1*",
                "ami.b.host", AsteriskTestbed.AMI_HOST,
                "ami.b.port", Integer.toString(AsteriskTestbed.SECOND_AMI_PORT),
                "ami.b.secret", "callcontrol-change-me",
                "ami.b.operators", "2*",
                "operator.ring.timeout", "30s",
                "client.ring.timeout", "30s"));
        daemon.awaitAmi();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    @Order(1)
    void callsOfBothServersEndWithTheirExactChains() throws Exception {
        long onA = Calls.make(daemon, "1000", "380639920000", "two-servers");
        long onB = Calls.make(daemon, "2000", "380639920000", "two-servers");
        long busyOnB = Calls.make(daemon, "2001", "380639920000", "two-servers");
        long busyOnA = Calls.make(daemon, "1001", "380639920000", "two-servers");

        assertThat(Calls.chain(Calls.awaitEnd(daemon, onA, Duration.ofSeconds(30)))).isEqualTo(CONNECTED);
        assertThat(Calls.chain(Calls.awaitEnd(daemon, onB, Duration.ofSeconds(30)))).isEqualTo(CONNECTED);
        assertThat(Calls.chain(Calls.awaitEnd(daemon, busyOnB, Duration.ofSeconds(30))))
                .containsExactly("CALL", "OPERATOR_BUSY");
        assertThat(Calls.chain(Calls.awaitEnd(daemon, busyOnA, Duration.ofSeconds(30))))
                .containsExactly("CALL", "OPERATOR_BUSY");

        JsonNode health = daemon.get("/health", Map.of()).json();
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("servers").get("b").get("ami").asText()).isEqualTo("Asterisk 'b' at 127.0.0.1:5039");
        assertThat(health.get("servers").get("a").get("ready").asBoolean()).isTrue();
        assertThat(health.get("servers").get("b").get("ready").asBoolean()).isTrue();
        PrometheusText metrics = PrometheusText.parse(daemon.get("/metrics", Map.of()).body());
        assertThat(metrics.value("callcontrol_ami_ready", "server", "a")).isEqualTo(1);
        assertThat(metrics.value("callcontrol_ami_ready", "server", "b")).isEqualTo(1);
        assertThat(metrics.value("callcontrol_ami_events_total", "server", "b")).isPositive();
        // each server's operators are learnt from that server's device states
        assertThat(serverOf("2000")).isEqualTo("b");
        assertThat(serverOf("1000")).isEqualTo("a");
    }

    /** Call control goes to the server the call is on: activeCalls lists both servers' legs, hangupLeg ends b's call. */
    @Test
    @Order(2)
    void callControlActsOnTheServerOfTheCall() throws Exception {
        long talkingOnA = Calls.make(daemon, "1000", "380639920004", "control-a");
        long talkingOnB = Calls.make(daemon, "2000", "380639920004", "control-b");
        Calls.awaitStatus(daemon, talkingOnA, "CLIENT_PICKUP", Duration.ofSeconds(15));
        Calls.awaitStatus(daemon, talkingOnB, "CLIENT_PICKUP", Duration.ofSeconds(15));

        JsonNode active = daemon.api("activeCalls", Map.of()).json().get("calls");
        assertThat(active).extracting(c -> c.get("call_id").asLong()).contains(talkingOnA, talkingOnB);
        for (JsonNode call : active) {
            String sip = call.get("call_id").asLong() == talkingOnA ? "1000" : "2000";
            assertThat(call.get("legs")).as(call.toString()).extracting(l -> l.get("party").asText())
                    .contains("operator", "client");
            assertThat(call.get("legs")).as(call.toString()).extracting(l -> l.get("channel").asText())
                    .anyMatch(channel -> channel.startsWith("PJSIP/" + sip + "-"));
        }

        RunningDaemon.Reply hungUp = daemon.api("hangupLeg", Map.of("call_id", Long.toString(talkingOnB),
                "leg", "client"));
        assertThat(hungUp.status()).as(hungUp.body()).isEqualTo(200);
        assertThat(Calls.chain(Calls.awaitEnd(daemon, talkingOnB, Duration.ofSeconds(15)))).isEqualTo(CONNECTED);
        JsonNode stillTalking = daemon.api("callHistory", Map.of("call_id", Long.toString(talkingOnA))).json();
        assertThat(stillTalking.get("status").asText()).as(stillTalking.toString()).isEqualTo("CLIENT_PICKUP");
        RunningDaemon.Reply hungUpOnA = daemon.api("hangupLeg", Map.of("call_id", Long.toString(talkingOnA),
                "leg", "operator"));
        assertThat(hungUpOnA.status()).as(hungUpOnA.body()).isEqualTo(200);
        assertThat(Calls.chain(Calls.awaitEnd(daemon, talkingOnA, Duration.ofSeconds(15)))).isEqualTo(CONNECTED);
    }

    @Test
    @Order(3)
    void aKilledServerClosesOnlyItsCallsAndRefusesOnlyItsOperators() throws Exception {
        long talkingOnA = Calls.make(daemon, "1000", "380639920004", "outage-a");
        long talkingOnB = Calls.make(daemon, "2000", "380639920004", "outage-b");
        long ringingOnB = Calls.make(daemon, "2002", "380639920000", "outage-b");
        Calls.awaitStatus(daemon, talkingOnA, "CLIENT_PICKUP", Duration.ofSeconds(15));
        Calls.awaitStatus(daemon, talkingOnB, "CLIENT_PICKUP", Duration.ofSeconds(15));
        Calls.awaitStatus(daemon, ringingOnB, "OPERATOR_CALLTO", Duration.ofSeconds(15));

        AsteriskTestbed.killSecond();
        RunningDaemon.Reply refused = awaitRefusal("2001");
        assertThat(refused.json().get("error").get("code").asText()).isEqualTo("asterisk_unavailable");
        assertThat(refused.json().get("error").get("message").asText()).contains("Asterisk 'b'");
        // the other server places calls all the while
        long busyOnA = Calls.make(daemon, "1001", "380639920000", "outage-a");
        assertThat(Calls.chain(Calls.awaitEnd(daemon, busyOnA, Duration.ofSeconds(20))))
                .containsExactly("CALL", "OPERATOR_BUSY");
        RunningDaemon.Reply health = daemon.get("/health", Map.of());
        assertThat(health.status()).as("one server of two down: degraded, still serving").isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("degraded");
        assertThat(health.json().get("servers").get("b").get("connected").asBoolean()).isFalse();
        assertThat(health.json().get("servers").get("a").get("ready").asBoolean()).isTrue();

        AsteriskTestbed.restartSecond();
        JsonNode ringingEnd = Calls.awaitEnd(daemon, ringingOnB, Duration.ofSeconds(30));
        JsonNode talkingEnd = Calls.awaitEnd(daemon, talkingOnB, Duration.ofSeconds(30));
        assertThat(ringingEnd.get("status").asText()).isEqualTo("ERROR");
        assertThat(Calls.lastDetail(ringingEnd)).contains("outcome unknown")
                .contains("the AMI link to Asterisk 'b' was down");
        assertThat(talkingEnd.get("status").asText()).isEqualTo("FINISH");
        assertThat(Calls.lastDetail(talkingEnd)).contains("the AMI link to Asterisk 'b' was down");

        // b's reconcile (and its recheck after the Originate grace) left a's call alone: it still talks
        Thread.sleep(7_000); // the recheck runs 6 s after b's login: the call must outlive it
        JsonNode stillTalking = daemon.api("callHistory", Map.of("call_id", Long.toString(talkingOnA))).json();
        assertThat(stillTalking.get("status").asText()).as(stillTalking.toString()).isEqualTo("CLIENT_PICKUP");
        RunningDaemon.Reply released = daemon.api("releaseCall", Map.of("call_id", Long.toString(talkingOnA)));
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(Calls.awaitEnd(daemon, talkingOnA, Duration.ofSeconds(15)).get("status").asText())
                .isEqualTo("FINISH");

        // b's operators are called again
        long busyOnB = makeWhenBack("2001");
        assertThat(Calls.chain(Calls.awaitEnd(daemon, busyOnB, Duration.ofSeconds(20))))
                .containsExactly("CALL", "OPERATOR_BUSY");
        assertThat(daemon.get("/health", Map.of()).json().get("status").asText()).isEqualTo("ok");
    }


    private static String serverOf(String sip) throws Exception {
        JsonNode operators = daemon.api("sipList", Map.of("per_page", "100")).json().get("operators");
        for (JsonNode operator : operators) {
            if (operator.get("sip").asText().equals(sip)) {
                return operator.get("server").asText();
            }
        }
        throw new AssertionError("sipList has no operator " + sip + ": " + operators);
    }

    private static RunningDaemon.Reply awaitRefusal(String sip) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            RunningDaemon.Reply reply = daemon.api("makeCall", Map.of("sip", sip, "phone", "380639920000",
                    "order_id", "outage-b", "external_key", "o-" + UUID.randomUUID()));
            if (reply.status() == 503) {
                return reply;
            }
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            Thread.sleep(50);
        }
        throw new AssertionError("makeCall for " + sip + " never answered 503 while its Asterisk was down");
    }

    /** makeCall, retried while it answers 503 (the server's AMI not back, or its Asterisk still booting). */
    private static long makeWhenBack(String sip) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            RunningDaemon.Reply reply = daemon.api("makeCall", Map.of("sip", sip, "phone", "380639920000",
                    "order_id", "back-b", "external_key", "b-" + UUID.randomUUID()));
            if (reply.status() == 200) {
                return reply.json().get("call_id").asLong();
            }
            assertThat(reply.status()).as(reply.body()).isEqualTo(503);
            assertThat(System.nanoTime()).as("server b did not come back in 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
