package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.testbed.AsteriskTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scheduled calls on the real testbed: placed when due, retried on a busy client with every attempt in the
 * order's history, cancelled, and kept across a daemon killed -9. One interval minute lasts a second here
 * ({@code schedule.interval.unit}).
 */
class ScheduleIT extends WithDaemon {

    private static final Map<String, String> FAST_MINUTES = Map.of("schedule.interval.unit", "1s");

    /** Runs after {@link WithDaemon#startDaemon()}: the class's daemon again, with interval minutes of a second. */
    @BeforeAll
    static void withFastMinutes() throws Exception {
        daemon.close();
        daemon = new RunningDaemon(data, FAST_MINUTES);
        Calls.awaitAmi(daemon);
    }

    @Test
    void aCallScheduledAFewSecondsAheadIsPlacedThenAndEndsRight() throws Exception {
        String order = order("ahead");
        Instant due = Instant.now().plusSeconds(4);
        JsonNode made = schedule(daemon, order, "380639920000", Map.of("time_to_call",
                OffsetDateTime.ofInstant(due, ZoneOffset.ofHours(2)).toString()));
        assertThat(made.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(daemon.api("orderHistory", Map.of("order_id", order)).json().get("history")).isEmpty();

        JsonNode attempt = awaitAttempts(daemon, made, 1, Duration.ofSeconds(20)).get(0);
        Instant placed = OffsetDateTime.parse(attempt.get("created_at").asText()).toInstant();
        assertThat(placed).isBetween(due.minusMillis(1), due.plusSeconds(3));
        JsonNode call = Calls.awaitEnd(daemon, attempt.get("call_id").asLong(), Duration.ofSeconds(40));
        assertThat(call.get("status").asText()).isEqualTo("FINISH");
        JsonNode done = awaitStatus(daemon, made, "DONE");
        assertThat(done.get("detail").asText()).endsWith("ended FINISH");
    }

    @Test
    void aScheduledClientFirstCallRingsTheClientFirstWhenDue() throws Exception {
        String order = order("client-first");
        JsonNode made = schedule(daemon, order, "380639920000", Map.of("first", "client", "time_to_call",
                Long.toString(Instant.now().plusSeconds(2).getEpochSecond())));
        assertThat(made.get("first").asText()).isEqualTo("client");

        JsonNode attempt = awaitAttempts(daemon, made, 1, Duration.ofSeconds(20)).get(0);
        JsonNode call = Calls.awaitEnd(daemon, attempt.get("call_id").asLong(), Duration.ofSeconds(40));
        List<String> statuses = new ArrayList<>();
        call.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        assertThat(statuses).as(call.toString()).containsExactly("CALL", "CLIENT_CALLTO", "CLIENT_PICKUP",
                "OPERATOR_CALLTO", "OPERATOR_PICKUP", "FINISH");
        assertThat(call.get("history").get(0).get("detail").asText()).isEqualTo("originate to client 380639920000");
        assertThat(awaitStatus(daemon, made, "DONE").get("first").asText()).isEqualTo("client");
    }

    @Test
    void aBusyClientGetsItsRetriesAndEveryAttemptIsInTheOrdersHistory() throws Exception {
        String order = order("busy");
        JsonNode made = schedule(daemon, order, "380639920001", Map.of("interval", "1,2"));

        JsonNode done = awaitStatus(daemon, made, "DONE");
        assertThat(done.get("detail").asText()).endsWith("ended CLIENT_BUSY; no retry left");
        JsonNode attempts = done.get("attempts");
        assertThat(attempts).hasSize(3);
        long scheduleId = made.get("schedule_id").asLong();
        List<Long> callIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThat(attempts.get(i).get("attempt").asInt()).isEqualTo(i + 1);
            assertThat(attempts.get(i).get("status").asText()).isEqualTo("CLIENT_BUSY");
            assertThat(attempts.get(i).get("external_key").asText()).isEqualTo("schedule:" + scheduleId + ":" + (i + 1));
            callIds.add(attempts.get(i).get("call_id").asLong());
        }
        // each retry waits its interval after the previous attempt ended
        assertThat(gap(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(gap(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

        JsonNode byCall = daemon.api("orderHistory", Map.of("order_id", order, "group_by_call", "1")).json();
        List<Long> historyCalls = new ArrayList<>();
        byCall.get("calls").forEach(c -> {
            historyCalls.add(c.get("call_id").asLong());
            JsonNode history = c.get("history");
            assertThat(history.get(0).get("status").asText()).isEqualTo("CALL");
            assertThat(history.get(history.size() - 1).get("status").asText()).isEqualTo("CLIENT_BUSY");
        });
        assertThat(historyCalls).isEqualTo(callIds);
        JsonNode records = daemon.api("orderRecords", Map.of("order_id", order)).json().get("calls");
        assertThat(records).extracting(c -> c.get("external_key").asText()).containsExactly(
                "schedule:" + scheduleId + ":1", "schedule:" + scheduleId + ":2", "schedule:" + scheduleId + ":3");
    }

    @Test
    void cancelStopsTheRetriesAndAScheduleNotYetDue() throws Exception {
        String order = order("cancel");
        JsonNode made = schedule(daemon, order, "380639920001", Map.of("interval", "3,3"));
        JsonNode first = awaitAttempts(daemon, made, 1, Duration.ofSeconds(20)).get(0);
        Calls.awaitEnd(daemon, first.get("call_id").asLong(), Duration.ofSeconds(20));

        RunningDaemon.Reply cancelled = daemon.api("cancelCall", Map.of("call_id", first.get("call_id").asText()));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        Thread.sleep(5_000); // past the 3 s the second attempt would have waited
        assertThat(daemon.api("orderRecords", Map.of("order_id", order)).json().get("calls")).hasSize(1);
        assertThat(daemon.api("cancelCall", Map.of("schedule_id", made.get("schedule_id").asText())).json()
                .get("status").asText()).as("idempotent").isEqualTo("CANCELLED");

        // opening hours that start in two hours: nothing is placed now, and the cancel stops it for good
        String later = order("later");
        OffsetDateTime opens = OffsetDateTime.now(ZoneOffset.UTC).plusHours(2);
        String hours = String.format("%02d%02d%02d%02d", opens.getHour(), opens.getMinute(),
                opens.plusHours(1).getHour(), opens.getMinute());
        JsonNode waiting = schedule(daemon, later, "380639920000", Map.of("hours", hours, "tz", "UTC"));
        assertThat(OffsetDateTime.parse(waiting.get("next_attempt_at").asText()).toInstant())
                .isAfter(Instant.now().plus(Duration.ofMinutes(110)));
        assertThat(daemon.api("cancelCall", Map.of("external_key", waiting.get("external_key").asText())).json()
                .get("status").asText()).isEqualTo("CANCELLED");
        assertThat(daemon.api("orderRecords", Map.of("order_id", later)).json().get("calls")).isEmpty();
    }

    @Test
    void aScheduledCallSurvivesTheDaemonKilledAndIsPlacedWhenItStartsAgain() throws Exception {
        // the packaged daemon in its own process needs the testbed's FastAGI port: this class's daemon steps aside
        daemon.close();
        Path store = Files.createTempDirectory(data, "killed");
        Map<String, String> config = new HashMap<>(Map.of("data.dir", store.toString(), "http.port", "0",
                "agi.port", Integer.toString(AsteriskTestbed.AGI_PORT),
                "recordings.dir", AsteriskTestbed.recordingsDir().toString(),
                "operator.ring.timeout", "5s", "client.ring.timeout", "7s",
                "http.rate.per.minute", "0", "http.rate.per.day", "0"));
        config.putAll(FAST_MINUTES);
        String order = order("restart");
        Instant due;
        JsonNode made;
        try {
            try (DaemonProcess first = new DaemonProcess(config)) {
                RunningDaemon api = RunningDaemon.client(first.awaitServing(Duration.ofSeconds(30)));
                due = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 4);
                made = schedule(api, order, "380639920000", Map.of("time_to_call", Long.toString(due.getEpochSecond())));
                first.kill();
            }
            Thread.sleep(Duration.between(Instant.now(), due).toMillis() + 3_000); // due while nobody runs

            try (DaemonProcess second = new DaemonProcess(config)) {
                RunningDaemon api = RunningDaemon.client(second.awaitServing(Duration.ofSeconds(30)));
                JsonNode attempt = awaitAttempts(api, made, 1, Duration.ofSeconds(30)).get(0);
                JsonNode call = Calls.awaitEnd(api, attempt.get("call_id").asLong(), Duration.ofSeconds(40));
                assertThat(call.get("status").asText()).isEqualTo("FINISH");
                assertThat(awaitStatus(api, made, "DONE").get("attempts")).hasSize(1);
                assertThat(api.api("orderRecords", Map.of("order_id", order)).json().get("calls")).hasSize(1);
            }
        } finally {
            daemon = new RunningDaemon(data, FAST_MINUTES);
            Calls.awaitAmi(daemon);
        }
    }

    private static JsonNode schedule(RunningDaemon api, String order, String phone, Map<String, String> when)
            throws Exception {
        Map<String, String> params = new HashMap<>(Map.of("sip", "1000", "phone", phone, "order_id", order,
                "external_key", "key-" + UUID.randomUUID()));
        params.putAll(when);
        RunningDaemon.Reply reply = api.api("makeCall", params);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode scheduled(RunningDaemon api, JsonNode made) throws Exception {
        RunningDaemon.Reply reply = api.api("scheduledCalls", Map.of("order_id", made.get("order_id").asText()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        for (JsonNode item : reply.json().get("scheduled_calls")) {
            if (item.get("schedule_id").asLong() == made.get("schedule_id").asLong()) {
                return item;
            }
        }
        throw new AssertionError("scheduledCalls does not list " + made);
    }

    private static JsonNode awaitAttempts(RunningDaemon api, JsonNode made, int count, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode item = null;
        while (System.nanoTime() < deadline) {
            item = scheduled(api, made);
            if (item.get("attempts").size() >= count) {
                return item.get("attempts");
            }
            Thread.sleep(100);
        }
        throw new AssertionError(count + " attempts were not placed in " + timeout + ": " + item);
    }

    private static JsonNode awaitStatus(RunningDaemon api, JsonNode made, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode item = null;
        while (System.nanoTime() < deadline) {
            item = scheduled(api, made);
            if (item.get("status").asText().equals(status)) {
                return item;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("scheduled call did not become " + status + ": " + item);
    }

    /** From the end of one attempt's call to the start of the next's. */
    private static Duration gap(JsonNode attempt, JsonNode next) {
        return Duration.between(OffsetDateTime.parse(attempt.get("ended_at").asText()),
                OffsetDateTime.parse(next.get("created_at").asText()));
    }

    private static String order(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
