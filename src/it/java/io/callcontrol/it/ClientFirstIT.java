package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client-first calls on the real Asterisk: makeCall first=client rings the client, and once the client answers
 * the dialplan dials the operator; the chain read back through callHistory follows the parties in that order.
 */
class ClientFirstIT extends WithDaemon {

    /**
     * Each chain is a pattern over the statuses joined by spaces; each detail a pattern found in the last status's
     * detail. A ring that times out ends by whichever Asterisk sends first: the OriginateResponse (Reason 3) or the
     * channel's Hangup (cause 19).
     */
    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("answered and finished", "1000", "380639920000",
                        "CALL CLIENT_CALLTO CLIENT_PICKUP OPERATOR_CALLTO OPERATOR_PICKUP FINISH",
                        "client cause 16"),
                Arguments.of("client busy", "1000", "380639920001", "CALL CLIENT_BUSY", "cause 17"),
                Arguments.of("client no answer", "1000", "380639920002",
                        "CALL CLIENT_CALLTO CLIENT_NOANSWER", "Reason 3|cause 19 \\(No answer\\)"),
                Arguments.of("unknown client number: error", "1000", "380639920005", "CALL ERROR",
                        "SIP 404"),
                // the client hangs up at once: before or after the Dial of the operator began
                Arguments.of("client answers and hangs up at once: client cancel", "1000", "380639920003",
                        "CALL CLIENT_CALLTO CLIENT_PICKUP (OPERATOR_CALLTO )?CLIENT_CANCEL", "client hung up"),
                Arguments.of("operator busy", "1001", "380639920004",
                        "CALL CLIENT_CALLTO CLIENT_PICKUP OPERATOR_CALLTO OPERATOR_BUSY",
                        "DIALSTATUS=BUSY"),
                Arguments.of("operator no answer", "1002", "380639920004",
                        "CALL CLIENT_CALLTO CLIENT_PICKUP OPERATOR_CALLTO OPERATOR_NOANSWER",
                        "DIALSTATUS=NOANSWER"),
                // Asterisk cannot ring a phone without a contact: the Dial fails before any ringing
                Arguments.of("operator offline", "1003", "380639920004",
                        "CALL CLIENT_CALLTO CLIENT_PICKUP OPERATOR_OFFLINE",
                        "the operator could not be dialled; client cause 3 \\(No route to destination\\)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void statusChainFollowsThePartiesInTheirOrder(String name, String sip, String phone, String chain, String detail)
            throws Exception {
        String order = "first-" + UUID.randomUUID().toString().substring(0, 8);
        RunningDaemon.Reply made = daemon.api("makeCall", Map.of("sip", sip, "phone", phone, "first", "client",
                "order_id", order, "external_key", "key-" + UUID.randomUUID()));
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertThat(made.json().get("first").asText()).isEqualTo("client");
        long callId = made.json().get("call_id").asLong();

        JsonNode call = Calls.awaitEnd(daemon, callId, Duration.ofSeconds(40));

        List<String> statuses = new ArrayList<>();
        call.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        assertThat(String.join(" ", statuses)).as(call.toString()).matches(chain);
        assertThat(call.get("history").get(0).get("detail").asText()).isEqualTo("originate to client " + phone);
        assertThat(Calls.lastDetail(call)).as(call.toString()).containsPattern(detail);
        if (chain.endsWith("FINISH")) {
            // recorded from the moment both were connected
            assertThat(Calls.awaitRecording(daemon, order, callId).get("size_bytes").asLong()).isGreaterThan(1_000);
        }
    }
}
