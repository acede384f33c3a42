package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.Await;
import io.callcontrol.testbed.AmiProbe;
import io.callcontrol.testbed.AsteriskTestbed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.event.ChanSpyStopEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * spyCall on the real Asterisk: supervisor 1010's phone is rung and, answered, ChanSpy runs on the operator's
 * channel of the call in the mode asked (Asterisk's own ChanSpyStart names spyer and spied, and the spyer's
 * application data carries the mode's options); the call's chain stays its own, and each spy is in callActions.
 */
class SpyCallIT extends WithDaemon {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @BeforeAll
    static void withASupervisor() throws Exception {
        daemon.close();
        daemon = new RunningDaemon(data, Map.of("control.supervisors", "1010"));
        Calls.awaitAmi(daemon);
    }

    @Test
    void aSupervisorListensWhispersAndBargesInOnTheOperatorsLegAndTheChainStaysExact() throws Exception {
        long callId = Calls.make(daemon, "1000", "380639920004", "spied");
        Calls.awaitStatus(daemon, callId, "CLIENT_PICKUP", PATIENCE);
        String operatorLeg = operatorChannel(callId);
        List<String> modes = List.of("listen", "whisper", "barge");
        List<String> options = List.of("qE", "qEw", "qEB");

        List<String> spyers = new ArrayList<>();
        try (AmiProbe ami = new AmiProbe()) {
            for (int i = 0; i < modes.size(); i++) {
                String mode = modes.get(i);
                RunningDaemon.Reply reply = daemon.api("spyCall", Map.of("call_id", Long.toString(callId),
                        "supervisor", "1010", "mode", mode));
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                assertThat(reply.json().get("leg").asText()).isEqualTo("operator");
                assertThat(reply.json().get("channel").asText()).isEqualTo(operatorLeg);
                assertThat(reply.json().get("detail").asText()).isEqualTo(mode + " by 1010");

                // the probe keeps every event it saw: this round's start is the one of a spyer not seen before
                ChanSpyStartEvent started = ami.await(ChanSpyStartEvent.class,
                        e -> operatorLeg.equals(e.getSpyeeChannel()) && !spyers.contains(e.getSpyerChannel()),
                        PATIENCE);
                String spyer = started.getSpyerChannel();
                spyers.add(spyer);
                assertThat(spyer).startsWith("PJSIP/1010-");
                Await.until(() -> concise(spyer) != null, PATIENCE, "the spyer's channel in core show channels");
                String line = concise(spyer);
                String[] fields = line.split("!");
                assertThat(fields[5]).as(line).isEqualTo("ChanSpy");
                assertThat(fields[6]).as(line).isEqualTo(operatorLeg + "," + options.get(i));

                AsteriskTestbed.cli("channel request hangup " + spyer);
                ami.await(ChanSpyStopEvent.class, e -> spyer.equals(e.getSpyerChannel()), PATIENCE);
                Await.until(() -> concise(spyer) == null, PATIENCE, "the supervisor's channel gone");
            }
        }
        JsonNode during = daemon.api("callHistory", Map.of("call_id", Long.toString(callId))).json();
        assertThat(during.get("status").asText()).as("the spies changed nothing of the call").isEqualTo("CLIENT_PICKUP");

        assertThat(daemon.api("releaseCall", Map.of("call_id", Long.toString(callId))).status()).isEqualTo(200);
        JsonNode ended = Calls.awaitEnd(daemon, callId, PATIENCE);
        List<String> chain = new ArrayList<>();
        ended.get("history").forEach(event -> chain.add(event.get("status").asText()));
        assertThat(chain).containsExactly("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO",
                "CLIENT_PICKUP", "FINISH");

        JsonNode actions = daemon.api("callActions", Map.of("call_id", Long.toString(callId))).json().get("actions");
        List<String> traced = new ArrayList<>();
        actions.forEach(a -> traced.add(a.get("action").asText() + " " + a.get("detail").asText()));
        assertThat(traced).containsExactly("spy_call listen by 1010", "spy_call whisper by 1010",
                "spy_call barge by 1010");
        JsonNode stream = daemon.api("callHistory", Map.of("after_id", "0", "limit", "1000")).json().get("history");
        stream.forEach(event -> assertThat(event.get("call_id").asLong()).as("no call made of the spies")
                .isEqualTo(callId));
    }

    @Test
    void aPhoneThatIsNoSupervisorsIsRefusedAndNothingRings() throws Exception {
        long callId = Calls.make(daemon, "1000", "380639920004", "not-spied");
        Calls.awaitStatus(daemon, callId, "CLIENT_PICKUP", PATIENCE);
        RunningDaemon.Reply reply = daemon.api("spyCall", Map.of("call_id", Long.toString(callId),
                "supervisor", "1004"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("error").get("message").asText()).contains("is not a supervisor's phone");
        assertThat(AsteriskTestbed.cli("core show channels concise")).doesNotContain("PJSIP/1004-");
        daemon.api("releaseCall", Map.of("call_id", Long.toString(callId)));
        Calls.awaitEnd(daemon, callId, PATIENCE);
    }

    /** The operator's channel of the call, as activeCalls lists it. */
    private static String operatorChannel(long callId) throws Exception {
        JsonNode calls = daemon.api("activeCalls", Map.of("sip", "1000")).json().get("calls");
        for (JsonNode call : calls) {
            if (call.get("call_id").asLong() == callId) {
                for (JsonNode leg : call.get("legs")) {
                    if (leg.get("party").asText().equals("operator")) {
                        return leg.get("channel").asText();
                    }
                }
            }
        }
        throw new AssertionError("no operator leg of call " + callId + " in " + calls);
    }

    /** The channel's line in {@code core show channels concise}, or null when Asterisk has no such channel. */
    private static String concise(String channel) {
        return AsteriskTestbed.cli("core show channels concise").lines().filter(l -> l.startsWith(channel + "!"))
                .findFirst().orElse(null);
    }
}
