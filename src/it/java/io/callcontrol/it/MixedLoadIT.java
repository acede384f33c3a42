package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.bench.OpenLoop;
import io.callcontrol.testbed.AmiWitness;
import io.callcontrol.testbed.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every outcome mixed at 50 new calls/s through the real Asterisk (the client reached through a Local channel):
 * each call ends with exactly the chain its phones imply ({@link Outcome}). Under such a load Asterisk's
 * OriginateResponse for a busy operator often says only Reason 0, before the channel's Hangup with cause 17
 * arrives: the status must wait for that cause, so a busy operator is never recorded OPERATOR_OFFLINE, and no call
 * is left at CALL. 600 calls (240 to the busy operator): deciding on the Reason alone, 2 and 3 of those 240 ended
 * OPERATOR_OFFLINE in two runs; fewer calls seldom build up enough lag in Asterisk to show it.
 */
class MixedLoadIT extends WithDaemon {

    private static final int RATE = 50;
    private static final int CALLS = 600;

    /** Runs after {@link WithDaemon#startDaemon()}: clients through the testbed's Local route, Originates unpaced. */
    @BeforeAll
    static void clientsThroughALocalChannel() throws Exception {
        daemon.close();
        daemon = new RunningDaemon(data, Map.of("client.channel", "Local/{phone}@testbed-clients",
                "dial.max.rate", Integer.toString(2 * RATE)));
        Calls.awaitAmi(daemon);
    }

    @Test
    void everyCallOfAMixedLoadAtFiftyPerSecondEndsWithTheChainItsPhonesImply() throws Exception {
        try (AmiWitness asterisk = new AmiWitness("testbed", "testbed")) {
            long started = System.nanoTime();
            Map<Long, Outcome> calls = place();
            Map<Long, String> unended = awaitEnds(calls.keySet(), Duration.ofSeconds(90));
            System.out.printf("mixed load: %d calls at %d/s, all ended or given up after %.1f s%n", calls.size(),
                    RATE, (System.nanoTime() - started) / 1e9);

            List<String> problems = new ArrayList<>();
            unended.forEach((callId, status) -> problems.add("call " + callId + " (" + calls.get(callId)
                    + ") still at " + status + " after 90 s; Asterisk reported " + asterisk.timeline(callId)));
            Map<Outcome, Integer> right = new EnumMap<>(Outcome.class);
            for (Map.Entry<Long, Outcome> call : calls.entrySet()) {
                long callId = call.getKey();
                if (unended.containsKey(callId)) {
                    continue;
                }
                JsonNode history = daemon.api("callHistory", Map.of("call_id", Long.toString(callId))).json();
                List<String> statuses = new ArrayList<>();
                history.get("history").forEach(e -> statuses.add(e.get("status").asText()));
                String wrong = call.getValue().wrong(statuses, Calls.lastDetail(history),
                        asterisk.operatorStates(callId));
                if (wrong == null) {
                    right.merge(call.getValue(), 1, Integer::sum);
                } else {
                    problems.add("call " + callId + " (" + call.getValue() + "): " + wrong + "; Asterisk reported "
                            + asterisk.timeline(callId));
                }
            }
            System.out.println("mixed load: right per outcome " + right + "; wrong " + problems.size() + "; busy calls"
                    + " whose OriginateResponse reached a second AMI session before the channel's Hangup: "
                    + responseFirst(calls, asterisk));

            assertThat(problems).as("calls that ended wrong or not at all, of %d", calls.size()).isEmpty();
            Map<Outcome, Integer> placed = new EnumMap<>(Outcome.class);
            calls.values().forEach(o -> placed.merge(o, 1, Integer::sum));
            assertThat(right).as("every call of every outcome right").isEqualTo(placed);
            assertThat(placed.get(Outcome.OPERATOR_BUSY)).isEqualTo(CALLS * 4 / 10);
        }
    }

    /** The race the verdict must wait out: Asterisk told the unclear reason before the cause that decides. */
    private static long responseFirst(Map<Long, Outcome> calls, AmiWitness asterisk) {
        return calls.entrySet().stream().filter(c -> c.getValue() == Outcome.OPERATOR_BUSY).filter(c -> {
            List<String> told = asterisk.timeline(c.getKey());
            int response = told.indexOf("OriginateResponse Failure Reason 0");
            return response >= 0 && response < told.indexOf("Hangup cause 17");
        }).count();
    }

    /** makeCall at {@link #RATE} a second, open loop: each call is due at its own time; the call ids and outcomes. */
    private static Map<Long, Outcome> place() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            List<Future<Long>> made = new ArrayList<>();
            OpenLoop pace = new OpenLoop(RATE);
            for (int i = 0; i < CALLS; i++) {
                pace.awaitDue(i);
                Outcome outcome = Outcome.mixed(i);
                int n = i;
                made.add(senders.submit(() -> Calls.make(daemon, outcome.sip(), outcome.phone(n), "mixed-" + run
                        + "-" + n / 5)));
            }
            Map<Long, Outcome> calls = new LinkedHashMap<>();
            for (int i = 0; i < CALLS; i++) {
                calls.put(made.get(i).get(), Outcome.mixed(i));
            }
            return calls;
        } finally {
            senders.shutdownNow();
        }
    }

    /** Polls every call until it has a terminal status; those still without one at the deadline, and their status. */
    private static Map<Long, String> awaitEnds(Set<Long> callIds, Duration timeout) throws Exception {
        Map<Long, String> open = new HashMap<>();
        callIds.forEach(id -> open.put(id, "?"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (long callId : List.copyOf(open.keySet())) {
                String status = daemon.api("callHistory", Map.of("call_id", Long.toString(callId))).json()
                        .get("status").asText();
                if (Calls.TERMINAL.contains(status)) {
                    open.remove(callId);
                } else {
                    open.put(callId, status);
                }
            }
            Thread.sleep(200);
        }
        return open;
    }
}
