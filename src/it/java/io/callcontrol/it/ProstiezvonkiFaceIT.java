package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.http.FeedClient;
import io.callcontrol.testbed.AsteriskTestbed;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Prostiezvonki face on the real Asterisk: an operator connected to /prostiezvonki places a call with the
 * {@code call} command and gets its events (8 outgoing, 16 the client answered, 4 finished with the recording's link);
 * the call read back through the mobileconvert API has the exact chain of a call placed there, and the finished
 * event's times and link are that call's. A call from the trunk to the operator gives 2, 32 and 4 (incoming).
 */
@ExtendWith(AsteriskTestbed.class)
class ProstiezvonkiFaceIT {

    static final String PASSWORD = "pz-it-password-01";
    private static final Duration CALL = Duration.ofSeconds(60);

    @RegisterExtension
    static final DaemonOnTestbed DAEMON = new DaemonOnTestbed(Map.of("prostiezvonki.users", "1000:" + PASSWORD,
            "faces", "mobileconvert,prostiezvonki"));

    private static FeedClient operator1000() throws Exception {
        FeedClient client = FeedClient.connectTo(DAEMON.port(), "/prostiezvonki");
        client.send("{\"command\":\"connect\",\"user_phone\":\"1000\",\"client_id\":\"" + PASSWORD
                + "\",\"client_type\":\"jsapi\"}");
        assertThat(client.await(1, Duration.ofSeconds(15)).get(0).get("message").asText()).isEqualTo("connected");
        return client;
    }

    /** The events of call {@code callId} got so far, once its finished event (4) is among them. */
    private static List<JsonNode> eventsOf(FeedClient client, String callId) throws Exception {
        long deadline = System.nanoTime() + CALL.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> events = events(client).stream().filter(e -> e.get("callID").asText().equals(callId))
                    .toList();
            if (events.stream().anyMatch(e -> e.get("type").asInt() == 4)) {
                return events;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("call " + callId + " did not finish: " + client.messages());
    }

    private static List<JsonNode> events(FeedClient client) {
        return client.messages().stream().filter(m -> m.get("message").asText().equals("event"))
                .map(m -> m.get("event")).toList();
    }

    /** The first message {@code test} takes, waiting for it. */
    private static JsonNode awaitMessage(FeedClient client, Predicate<JsonNode> test) throws Exception {
        long deadline = System.nanoTime() + CALL.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode message : client.messages()) {
                if (test.test(message)) {
                    return message;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not received: " + client.messages());
    }

    private static long epochSecond(JsonNode call, String status) {
        for (JsonNode event : call.get("history")) {
            if (event.get("status").asText().equals(status)) {
                return OffsetDateTime.parse(event.get("time").asText()).toEpochSecond();
            }
        }
        throw new AssertionError(status + " not in " + call);
    }

    @Test
    void aCallPlacedWithTheCallCommandIsSeenAsItsEventsAndReadBackWithTheSameChain() throws Exception {
        try (FeedClient client = operator1000()) {
            client.send("{\"command\":\"call\",\"phone\":\"380639920000\"}");
            JsonNode placed = awaitMessage(client, m -> m.get("message").asText().equals("result"));
            assertThat(placed.get("result").asText()).as(placed.toString()).isEqualTo("ok");
            long callId = placed.get("callID").asLong();

            List<JsonNode> events = eventsOf(client, Long.toString(callId));
            assertThat(events).extracting(e -> e.get("type").asInt()).containsExactly(8, 16, 4);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("from").asText()).isEqualTo("1000");
                assertThat(e.get("to").asText()).isEqualTo("380639920000");
            });

            JsonNode call = Calls.awaitEnd(DAEMON.daemon(), callId, Duration.ofSeconds(5));
            assertThat(call.get("order_id").asText()).isEqualTo("prostiezvonki");
            assertThat(Calls.chain(call)).containsExactly("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP",
                    "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH");
            JsonNode finished = events.get(2);
            assertThat(finished.get("direction").asInt()).isOne();
            assertThat(finished.get("start").asLong()).isEqualTo(epochSecond(call, "CALL"));
            assertThat(finished.get("end").asLong()).isEqualTo(epochSecond(call, "FINISH"));
            assertThat(finished.get("duration").asLong()).as("the talk, from CLIENT_PICKUP").isBetween(
                    epochSecond(call, "FINISH") - epochSecond(call, "CLIENT_PICKUP") - 1,
                    epochSecond(call, "FINISH") - epochSecond(call, "CLIENT_PICKUP"));
            JsonNode recording = Calls.awaitRecording(DAEMON.daemon(), "prostiezvonki", callId);
            assertThat(finished.get("record").asText()).isEqualTo(recording.get("url").asText());
            assertThat(DAEMON.daemon().download(finished.get("record").asText(), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aCallFromTheTrunkRingingTheOperatorIsAnIncomingCallOfIt() throws Exception {
        String caller = "380501119900";
        try (FeedClient client = operator1000(); InboundCaller call = new InboundCaller("inbound-caller", "7000",
                caller, 2000)) {
            String callId = awaitMessage(client, m -> m.at("/event/type").asInt() == 2
                    && m.at("/event/from").asText().equals(caller)).at("/event/callID").asText();
            List<JsonNode> events = eventsOf(client, callId);
            call.awaitDone();
            assertThat(events).extracting(e -> e.get("type").asInt()).containsExactly(2, 32, 4);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("from").asText()).isEqualTo(caller);
                assertThat(e.get("to").asText()).isEqualTo("1000");
            });
            assertThat(events.get(2).get("direction").asInt()).isZero();
            JsonNode history = Calls.awaitEnd(DAEMON.daemon(), Long.parseLong(callId),
                    Duration.ofSeconds(5));
            assertThat(history.get("direction").asText()).isEqualTo("inbound");
            assertThat(Calls.chain(history)).containsExactly("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP",
                    "FINISH");
        }
    }
}
