package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.testbed.AmiProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.asteriskjava.manager.event.HangupEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * releaseCall on the real Asterisk: at each stage a call can be released, every leg Asterisk had is hung up, and
 * the call ends with the release in its last status; a second release is refused.
 */
class ReleaseCallIT extends WithDaemon {

    static Stream<Arguments> stages() {
        return Stream.of(
                Arguments.of("operator ringing", "1002", "380639920000", "OPERATOR_CALLTO", 1,
                        List.of("CALL", "OPERATOR_CALLTO", "ERROR"),
                        "released through the API (releaseCall) at OPERATOR_CALLTO"),
                Arguments.of("client ringing", "1000", "380639920002", "CLIENT_CALLTO", 2,
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "ERROR"),
                        "released through the API (releaseCall) at CLIENT_CALLTO"),
                Arguments.of("operator and client talking", "1000", "380639920004", "CLIENT_PICKUP", 2,
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH"),
                        "released through the API (releaseCall); operator cause 16"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void releaseHangsUpEveryLegAndEndsTheCallAsReleased(String name, String sip, String phone, String stage, int legs,
            List<String> chain, String detail) throws Exception {
        try (AmiProbe ami = new AmiProbe()) {
            long callId = Calls.make(daemon, sip, phone, "release-" + UUID.randomUUID().toString().substring(0, 8));
            Calls.awaitStatus(daemon, callId, stage, Duration.ofSeconds(20));

            RunningDaemon.Reply released = daemon.api("releaseCall", Map.of("call_id", Long.toString(callId)));

            assertThat(released.status()).as(released.body()).isEqualTo(200);
            assertThat(released.json().get("status").asText()).isEqualTo(stage);
            JsonNode call = Calls.awaitEnd(daemon, callId, Duration.ofSeconds(15));
            List<String> statuses = new ArrayList<>();
            call.get("history").forEach(event -> statuses.add(event.get("status").asText()));
            assertThat(statuses).as(call.toString()).isEqualTo(chain);
            assertThat(Calls.lastDetail(call)).startsWith(detail);
            // every leg of the call is gone from Asterisk: the operator's channel and, once dialled, the client's
            String channelId = "cc-" + callId + "-";
            ami.await(HangupEvent.class, e -> e.getUniqueId().startsWith(channelId), Duration.ofSeconds(10));
            if (legs == 2) {
                ami.await(HangupEvent.class, e -> e.getLinkedId().startsWith(channelId)
                        && !e.getUniqueId().startsWith(channelId), Duration.ofSeconds(10));
            }

            RunningDaemon.Reply again = daemon.api("releaseCall", Map.of("call_id", Long.toString(callId)));
            assertThat(again.status()).as(again.body()).isEqualTo(409);
            assertThat(again.json().at("/error/code").asText()).isEqualTo("call_ended");
        }
    }
}
