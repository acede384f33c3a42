package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.testbed.AmiProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A burst of scheduled calls all due at the same second reaches the real Asterisk at {@code dial.max.rate}
 * Originates a second, in call order, and every call is placed and ends right.
 */
class OriginatePaceIT extends WithDaemon {

    private static final int RATE = 2;
    private static final int CALLS = 8;

    /** Runs after {@link WithDaemon#startDaemon()}: the class's daemon again, with a small Originate pace. */
    @BeforeAll
    static void withASmallPace() throws Exception {
        daemon.close();
        daemon = new RunningDaemon(data, Map.of("dial.max.rate", Integer.toString(RATE)));
        Calls.awaitAmi(daemon);
    }

    @Test
    void scheduledCallsDueAtTheSameSecondReachAsteriskAtThePacedRateInOrderAndAllEndRight() throws Exception {
        String order = "burst-" + UUID.randomUUID().toString().substring(0, 8);
        try (AmiProbe asterisk = new AmiProbe()) {
            long due = Instant.now().getEpochSecond() + 3;
            for (int i = 0; i < CALLS; i++) {
                RunningDaemon.Reply made = daemon.api("makeCall", Map.of("sip", "1000", "phone", "380639920000",
                        "order_id", order, "external_key", order + "-" + i, "time_to_call", Long.toString(due)));
                assertThat(made.status()).as(made.body()).isEqualTo(200);
            }

            List<Long> callIds = awaitCalls(order);
            int waiting = daemon.get("/health", Map.of()).json().get("originates_waiting").asInt();
            List<Instant> reached = new ArrayList<>();
            for (long callId : callIds) {
                NewChannelEvent channel = asterisk.await(NewChannelEvent.class,
                        e -> e.getUniqueId().startsWith("cc-" + callId + "-"), Duration.ofSeconds(30));
                reached.add(channel.getDateReceived().toInstant());
            }
            List<String> ends = new ArrayList<>();
            for (long callId : callIds) {
                ends.add(Calls.awaitEnd(daemon, callId, Duration.ofSeconds(60)).get("status").asText());
            }

            assertThat(waiting).as("/health while the burst is paced").isPositive();
            for (int i = 1; i < CALLS; i++) {
                Duration gap = Duration.between(reached.get(i - 1), reached.get(i));
                // 500 ms apart at the daemon; Asterisk's event for each may come a little sooner or later
                assertThat(gap).as("call %d reached Asterisk %s after call %d (in call order, at %d/s): %s",
                        callIds.get(i), gap, callIds.get(i - 1), RATE, reached)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
            }
            assertThat(Duration.between(reached.get(0), reached.get(CALLS - 1)))
                    .as("the burst spread over (calls - 1) / rate").isGreaterThanOrEqualTo(Duration.ofMillis(3_300));
            assertThat(ends).as("every call placed and ended right").containsOnly("FINISH").hasSize(CALLS);
            assertThat(daemon.get("/health", Map.of()).json().get("originates_waiting").asInt()).isZero();
        }
    }

    @Test
    void aCallReleasedWhileItsOriginateWaitsItsTurnNeverRingsAndEndsAsReleased() throws Exception {
        String order = "withdrawn-" + UUID.randomUUID().toString().substring(0, 8);
        try (AmiProbe asterisk = new AmiProbe()) {
            List<Long> callIds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                callIds.add(Calls.make(daemon, "1000", "380639920000", order));
            }
            long last = callIds.get(3);

            RunningDaemon.Reply released = daemon.api("releaseCall", Map.of("call_id", Long.toString(last)));
            assertThat(released.status()).as(released.body()).isEqualTo(200);
            assertThat(released.json().get("status").asText()).isEqualTo("CALL");
            JsonNode end = Calls.awaitEnd(daemon, last, Duration.ofSeconds(10));
            for (long callId : callIds.subList(0, 3)) {
                assertThat(Calls.awaitEnd(daemon, callId, Duration.ofSeconds(60)).get("status").asText())
                        .as("call %d, placed beside the released one", callId).isEqualTo("FINISH");
            }

            List<String> chain = new ArrayList<>();
            end.get("history").forEach(event -> chain.add(event.get("status").asText()));
            assertThat(chain).as(end.toString()).containsExactly("CALL", "ERROR");
            assertThat(Calls.lastDetail(end)).startsWith("released through the API (releaseCall) at CALL")
                    .contains("released while its Originate waited its turn");
            assertThat(asterisk.seen(NewChannelEvent.class, e -> e.getUniqueId().startsWith("cc-" + last + "-")))
                    .as("the released call's Originate never reached Asterisk").isEmpty();
            assertThat(asterisk.seen(NewChannelEvent.class,
                    e -> e.getUniqueId().startsWith("cc-" + callIds.get(2) + "-"))).as("the others did").hasSize(1);
        }
    }

    /** The order's calls, in call_id order, once the scheduler has placed all of them. */
    private static List<Long> awaitCalls(String order) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode calls = null;
        while (System.nanoTime() < deadline) {
            calls = daemon.api("orderRecords", Map.of("order_id", order)).json().get("calls");
            if (calls.size() == CALLS) {
                List<Long> ids = new ArrayList<>();
                calls.forEach(c -> ids.add(c.get("call_id").asLong()));
                return ids;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the scheduler did not place " + CALLS + " calls in 30 s: " + calls);
    }
}
