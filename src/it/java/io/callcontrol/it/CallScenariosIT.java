package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenario matrix on the real Asterisk: makeCall through the HTTP API, then the exact status chain read
 * back through callHistory.
 */
class CallScenariosIT extends WithDaemon {


    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("answered and finished", "1000", "380639920000",
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH"),
                        "cause 16"),
                Arguments.of("client answers and hangs up at once", "1000", "380639920003",
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH"),
                        "cause 16"),
                Arguments.of("operator busy", "1001", "380639920000",
                        List.of("CALL", "OPERATOR_BUSY"), "cause 17 \\(User busy\\), SIP 486"),
                // Asterisk sends the OriginateResponse and the channel's Hangup from two threads: whichever comes
                // first decides, and tells its own reason
                Arguments.of("operator no answer", "1002", "380639920000",
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_NOANSWER"), "Reason 3|cause 19 \\(No answer\\)"),
                Arguments.of("operator offline", "1003", "380639920000",
                        List.of("CALL", "OPERATOR_OFFLINE"), "device is UNAVAILABLE: not registered or not reachable"),
                Arguments.of("client busy", "1000", "380639920001",
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_BUSY"),
                        "DIALSTATUS=BUSY"),
                Arguments.of("client no answer", "1000", "380639920002",
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_NOANSWER"),
                        "DIALSTATUS=NOANSWER"),
                Arguments.of("operator hangs up while the client rings: client cancel", "1004", "380639920002",
                        List.of("CALL", "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_CANCEL"), "DIALSTATUS=CANCEL"),
                Arguments.of("unknown client number: error", "1000", "380639920005",
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "ERROR"),
                        "cause 1 \\(Unallocated number\\), SIP 404"),
                Arguments.of("congested client trunk: error", "1000", "380639920006",
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "ERROR"),
                        "DIALSTATUS=CONGESTION"));
    }

    /** {@code detail}: a pattern found in the last status's detail. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void statusChainMatchesWhatAsteriskDid(String name, String sip, String phone, List<String> chain, String detail)
            throws Exception {
        long callId = Calls.make(daemon, sip, phone, "order-" + UUID.randomUUID().toString().substring(0, 8));

        JsonNode call = Calls.awaitEnd(daemon, callId, Duration.ofSeconds(40));

        List<String> statuses = new ArrayList<>();
        call.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        assertThat(statuses).as(call.toString()).isEqualTo(chain);
        assertThat(call.get("status").asText()).isEqualTo(chain.get(chain.size() - 1));
        JsonNode last = call.get("history").get(statuses.size() - 1);
        assertThat(last.get("detail").asText()).containsPattern(detail);
    }
}
