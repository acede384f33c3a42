package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.agi.FastAgiClient;
import io.callcontrol.call.ChannelIds;
import io.callcontrol.metrics.PrometheusText;
import io.callcontrol.testbed.AmiProbe;
import io.callcontrol.testbed.AsteriskTestbed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks sent to the FastAGI port by someone other than the call's own channel change nothing, on the real Asterisk:
 * a local process speaking FastAGI forges the end of a call whose operator is still ringing. The shipped dialplan's
 * own hooks are accepted.
 */
@ExtendWith(AsteriskTestbed.class)
class HookForgeryIT {

    private static final String REFUSED = "callcontrol_hooks_refused_total";
    private static final String ACCEPTED = "callcontrol_hooks_accepted_total";

    @TempDir
    static Path data;
    static RunningDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        // the operator rings long enough for a forged hook to have been applied, had it been taken (3 s later)
        daemon = new RunningDaemon(data, Map.of("operator.ring.timeout", "10s"));
        Calls.awaitAmi(daemon);
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void forgedHooksForARingingCallChangeNothingAndAreCounted() throws Exception {
        PrometheusText before = meters();
        String channelId;
        long callId;
        try (AmiProbe ami = new AmiProbe()) {
            // operator 1002 rings until cancelled; the client would be busy, as the forged hook claims
            callId = Calls.make(daemon, "1002", "380639920001", order());
            long call = callId;
            channelId = ami.await(NewChannelEvent.class, e -> e.getUniqueId().startsWith("cc-" + call + "-"),
                    Duration.ofSeconds(10)).getUniqueId();
        }
        Calls.awaitStatus(daemon, callId, "OPERATOR_CALLTO", Duration.ofSeconds(10));
        FastAgiClient forger = new FastAgiClient(AsteriskTestbed.AGI_PORT, "PJSIP/9999-00000001", "1700000000.1");

        // the call's number alone, as the dialplans of earlier versions named it
        forger.send("call-ended", Long.toString(callId), "BUSY", "17", "", "", "");
        forger.send("operator-answered", Long.toString(callId));
        // a guessed token
        String guessed = ChannelIds.of(callId, channelId.endsWith("-0000000000000000")
                ? "0000000000000001" : "0000000000000000");
        forger.send("call-ended", guessed, "BUSY", "17", "", "", "");

        JsonNode call = Calls.awaitEnd(daemon, callId, Duration.ofSeconds(30));
        assertThat(statuses(call)).as(call.toString()).containsExactly("CALL", "OPERATOR_CALLTO", "OPERATOR_NOANSWER");
        PrometheusText after = meters();
        assertThat(after.value(REFUSED, "reason", "no_token") - before.value(REFUSED, "reason", "no_token"))
                .isEqualTo(2);
        assertThat(after.value(REFUSED, "reason", "token_mismatch")
                - before.value(REFUSED, "reason", "token_mismatch")).isEqualTo(1);
        assertThat(after.value(ACCEPTED)).isEqualTo(before.value(ACCEPTED));
    }

    /** The dialplan names each call by its originated channel's id: both its hooks are taken, in either order. */
    @Test
    void theShippedDialplansHooksAreAcceptedAndTheChainIsExact() throws Exception {
        for (String first : List.of("operator", "client")) {
            PrometheusText before = meters();
            RunningDaemon.Reply made = daemon.api("makeCall", Map.of("sip", "1000", "phone", "380639920000",
                    "first", first, "order_id", order(), "external_key", "key-" + UUID.randomUUID()));
            assertThat(made.status()).as(made.body()).isEqualTo(200);
            long callId = made.json().get("call_id").asLong();

            JsonNode call = Calls.awaitEnd(daemon, callId, Duration.ofSeconds(40));

            assertThat(statuses(call)).as(call.toString()).containsExactlyElementsOf(first.equals("operator")
                    ? List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH")
                    : List.of("CALL", "CLIENT_CALLTO", "CLIENT_PICKUP", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "FINISH"));
            // the hangup handler's hook may still be on its way when AMI has ended the call
            PrometheusText after = PrometheusText.await(HookForgeryIT::scrape, Duration.ofSeconds(10),
                    m -> m.value(ACCEPTED) >= before.value(ACCEPTED) + 2);
            assertThat(after.value(ACCEPTED) - before.value(ACCEPTED)).as(first + " first").isEqualTo(2);
            assertThat(after.samples(REFUSED)).as(first + " first").isEqualTo(before.samples(REFUSED));
        }
    }

    private static String order() {
        return "hooks-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> statuses(JsonNode call) {
        List<String> statuses = new ArrayList<>();
        call.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        return statuses;
    }

    private static PrometheusText meters() throws Exception {
        return PrometheusText.parse(scrape());
    }

    private static String scrape() throws Exception {
        RunningDaemon.Reply reply = daemon.get("/metrics", Map.of());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }
}
