package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.http.FeedClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls from the carrier's trunk to an operator, through the admin's own dialplan (Dial, or a Queue whose members
 * are rung through a Local channel), followed from AMI alone: each becomes an inbound call with the caller's number
 * and its exact chain.
 */
class InboundCallsIT extends WithDaemon {

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("answered", "inbound-caller", "7000", "380501110001", 2000, "1000",
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "FINISH"), "cause 16 \\(Normal Clearing\\)"),
                Arguments.of("missed: nobody answers", "inbound-caller", "7002", "380501110002", 0, "1002",
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_NOANSWER"), "DIALSTATUS=NOANSWER from operator 1002"),
                Arguments.of("caller hangs up while ringing", "inbound-caller-cancel", "7002", "380501110003", 1500,
                        "1002", List.of("CALL", "OPERATOR_CALLTO", "CLIENT_CANCEL"), "DIALSTATUS=CANCEL"),
                Arguments.of("answered via a queue", "inbound-caller", "7010", "380501110004", 2000, "1000",
                        List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "FINISH"), "cause 16 \\(Normal Clearing\\)"),
                // the queue ends its ring of the operator as the caller leaves: which of the two Asterisk tells
                // first (the ring's DialEnd or the caller's Hangup) decides the detail; each is the truth
                Arguments.of("caller gives up in a queue", "inbound-caller-cancel", "7012", "380501110005", 1500,
                        "1002", List.of("CALL", "OPERATOR_CALLTO", "CLIENT_CANCEL"),
                        "DIALSTATUS=CANCEL|the caller hung up while the operator was ringing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void anInboundCallHasItsChain(String name, String scenario, String did, String caller, long millis, String sip,
            List<String> chain, String detailPattern) throws Exception {
        try (InboundCaller call = new InboundCaller(scenario, did, caller, millis)) {
            long callId = awaitCallFrom(caller);
            call.awaitDone();
            JsonNode ended = Calls.awaitEnd(daemon, callId, Duration.ofSeconds(15));

            List<String> statuses = new ArrayList<>();
            ended.get("history").forEach(event -> statuses.add(event.get("status").asText()));
            assertThat(statuses).as(ended.toString()).isEqualTo(chain);
            assertThat(Calls.lastDetail(ended)).as(ended.toString()).containsPattern(detailPattern);
            assertThat(ended.get("direction").asText()).isEqualTo("inbound");
            assertThat(ended.get("phone").asText()).isEqualTo(caller);
            assertThat(ended.get("sip").asText()).isEqualTo(sip);
            assertThat(ended.get("order_id").asText()).isEmpty();
            ended.get("history").forEach(event -> assertThat(event.get("direction").asText()).isEqualTo("inbound"));
        }
    }

    @Test
    void missedCallsListTheUnansweredOnesWithTheCallersNumber() throws Exception {
        long missed;
        try (InboundCaller call = new InboundCaller("inbound-caller", "7002", "380501110011", 0)) {
            missed = awaitCallFrom("380501110011");
            call.awaitDone();
        }
        long answered;
        try (InboundCaller call = new InboundCaller("inbound-caller", "7000", "380501110012", 500)) {
            answered = awaitCallFrom("380501110012");
            call.awaitDone();
        }
        Calls.awaitEnd(daemon, answered, Duration.ofSeconds(15));

        JsonNode page = daemon.api("missedCalls", Map.of("after_id", Long.toString(missed - 1))).json();
        assertThat(page.get("calls")).as(page.toString()).singleElement().satisfies(c -> {
            assertThat(c.get("call_id").asLong()).isEqualTo(missed);
            assertThat(c.get("phone").asText()).isEqualTo("380501110011");
            assertThat(c.get("sip").asText()).isEqualTo("1002");
            assertThat(c.get("status").asText()).isEqualTo("OPERATOR_NOANSWER");
        });
        assertThat(page.get("next_after_id").asLong()).isEqualTo(missed);
    }

    @Test
    void theFeedFilteredByOperatorShowsItsInboundCallsAndResumesFromItsCursor() throws Exception {
        int port = URI.create(daemon.base()).getPort();
        long start = daemon.api("callHistory", Map.of("after_id", "0", "limit", "1000")).json()
                .get("next_after_id").asLong();
        long last;
        // statuses only (kinds 31): the operator's presence changes are its events too
        try (FeedClient feed = FeedClient.connect(port, "?sip=1002&kinds=31&after_id=" + start)) {
            try (InboundCaller call = new InboundCaller("inbound-caller", "7000", "380501110021", 300)) {
                call.awaitDone();
            }
            try (InboundCaller call = new InboundCaller("inbound-caller-cancel", "7002", "380501110022", 1000)) {
                call.awaitDone();
            }
            List<JsonNode> got = feed.await(3, Duration.ofSeconds(15));
            assertThat(got).extracting(m -> m.get("status").asText()).containsExactly("CALL", "OPERATOR_CALLTO",
                    "CLIENT_CANCEL");
            assertThat(got).allSatisfy(m -> {
                assertThat(m.get("from").asText()).isEqualTo("1002");
                assertThat(m.get("to").asText()).isEqualTo("380501110022");
                assertThat(m.get("direction").asText()).isEqualTo("inbound");
            });
            last = got.get(1).get("id").asLong();
        }
        try (FeedClient resumed = FeedClient.connect(port, "?sip=1002&kinds=31&after_id=" + last)) {
            assertThat(resumed.await(1, Duration.ofSeconds(15))).extracting(m -> m.get("status").asText())
                    .containsExactly("CLIENT_CANCEL");
        }
    }

    /** The inbound call whose CALL names this caller, from the all-calls stream. */
    private static long awaitCallFrom(String caller) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode stream = daemon.api("callHistory", Map.of("after_id", "0", "limit", "1000")).json();
            for (JsonNode event : stream.get("history")) {
                if (event.get("direction").asText().equals("inbound")
                        && event.get("detail").asText().equals("call from " + caller)) {
                    return event.get("call_id").asLong();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no inbound call from " + caller);
    }
}
