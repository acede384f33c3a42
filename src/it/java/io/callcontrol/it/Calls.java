package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** makeCall and waiting for a call's end, through the HTTP API only. */
final class Calls {

    static final Set<String> TERMINAL = Set.of("OPERATOR_NOANSWER", "OPERATOR_BUSY", "OPERATOR_OFFLINE",
            "CLIENT_NOANSWER", "CLIENT_BUSY", "CLIENT_CANCEL", "ERROR", "FINISH");

    private Calls() {
    }

    /**
     * Waits until a daemon with a fresh store has learnt the testbed's operators from AMI (so its link is up);
     * for a daemon in this JVM, {@link RunningDaemon#awaitAmi()} asks it directly.
     */
    static void awaitAmi(RunningDaemon daemon) throws Exception {
        if (daemon.inThisJvm()) {
            daemon.awaitAmi();
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            RunningDaemon.Reply reply = daemon.api("sipList", Map.of("status", "online,offline,inuse"));
            if (reply.status() == 200 && reply.json().get("total").asLong() >= 5) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the daemon did not learn the testbed's operators from AMI in 20 s");
    }

    static long make(RunningDaemon daemon, String sip, String phone, String orderId) throws Exception {
        RunningDaemon.Reply reply = daemon.api("makeCall", Map.of("sip", sip, "phone", phone, "order_id", orderId,
                "external_key", "key-" + UUID.randomUUID()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("call_id").asLong();
    }

    /** Polls callHistory until the call has reached {@code status} (or ended); returns that answer. */
    static JsonNode awaitStatus(RunningDaemon daemon, long callId, String status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode call = null;
        while (System.nanoTime() < deadline) {
            call = daemon.api("callHistory", Map.of("call_id", Long.toString(callId))).json();
            for (JsonNode event : call.get("history")) {
                if (event.get("status").asText().equals(status)) {
                    return call;
                }
            }
            assertThat(TERMINAL).as("call %d ended before %s: %s", callId, status, call)
                    .doesNotContain(call.get("status").asText());
            Thread.sleep(50);
        }
        throw new AssertionError("call " + callId + " did not reach " + status + " in " + timeout + ": " + call);
    }

    /** The statuses of a callHistory answer, in order. */
    static List<String> chain(JsonNode call) {
        List<String> statuses = new ArrayList<>();
        call.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        return statuses;
    }

    static String lastDetail(JsonNode call) {
        JsonNode history = call.get("history");
        return history.get(history.size() - 1).get("detail").asText();
    }

    /** Polls callHistory until the call has a terminal status; returns that answer. */
    static JsonNode awaitEnd(RunningDaemon daemon, long callId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode call = null;
        while (System.nanoTime() < deadline) {
            RunningDaemon.Reply reply = daemon.api("callHistory", Map.of("call_id", Long.toString(callId)));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            call = reply.json();
            if (TERMINAL.contains(call.get("status").asText())) {
                return call;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("call " + callId + " did not end in " + timeout + ": " + call);
    }

    /** Polls orderRecords of an order with one call until that call's recording is linked; returns it. */
    static JsonNode awaitRecording(RunningDaemon daemon, String order, long callId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode calls = daemon.api("orderRecords", Map.of("order_id", order)).json().get("calls");
            JsonNode records = calls.get(0).get("records");
            if (records.size() > 0) {
                assertThat(calls.get(0).get("call_id").asLong()).isEqualTo(callId);
                return records.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no recording linked to call " + callId);
    }
}
