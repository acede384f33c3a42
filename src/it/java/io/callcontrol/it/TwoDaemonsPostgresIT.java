package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.push.WebhookReceiver;
import io.callcontrol.testbed.AsteriskTestbed;
import io.callcontrol.testbed.PostgresServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged daemons, each in its own process, on one real PostgreSQL and one Asterisk: both place and follow
 * calls; the leader killed -9 with a scheduled call coming due, a call of its own ringing and webhooks owed, the
 * other takes over within 10 s and nothing is lost, doubled or placed twice.
 */
@ExtendWith({AsteriskTestbed.class, PostgresServer.class})
class TwoDaemonsPostgresIT {

    private static final String SECRET = "two-daemons-webhook-secret";
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final List<String> FINISHED = List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO",
            "CLIENT_PICKUP", "FINISH");
    private static final List<String> NOT_ANSWERED = List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP",
            "CLIENT_CALLTO", "CLIENT_NOANSWER");

    @TempDir
    Path data;

    @Test
    void bothServeCallsAndTheFollowerTakesOverTheKilledLeadersWork() throws Exception {
        Map<String, String> store = PostgresServer.freshStoreSettings();
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET);
                DaemonProcess a = new DaemonProcess(config(store, receiver, "a", AsteriskTestbed.AGI_PORT))) {
            RunningDaemon apiA = RunningDaemon.client(a.awaitServing(PATIENCE));
            awaitHealth(apiA, "leader"); // a first: it leads
            // b's FastAGI port is not the dialplan's: Asterisk's hooks go to a; b follows its calls by AMI alone
            try (DaemonProcess b = new DaemonProcess(config(store, receiver, "b", freePort()))) {
                runBoth(receiver, a, apiA, b);
            }
        }
    }

    private void runBoth(WebhookReceiver receiver, DaemonProcess a, RunningDaemon apiA, DaemonProcess b)
            throws Exception {
        RunningDaemon apiB = RunningDaemon.client(b.awaitServing(PATIENCE));
        awaitHealth(apiB, "follower");
        assertThat(health(apiB).get("daemon").asText()).isEqualTo("b");

        receiver.mode(WebhookReceiver.Mode.FAIL); // from here on the webhooks are owed
        long ofA = Calls.make(apiA, "1000", "380639920000", order("a"));
        long ofB = Calls.make(apiB, "1000", "380639920000", order("b"));
        long ringing = Calls.make(apiA, "1000", "380639920002", order("ringing"));
        assertThat(chain(Calls.awaitEnd(apiB, ofA, PATIENCE))).as("a's call, read on b").isEqualTo(FINISHED);
        assertThat(chain(Calls.awaitEnd(apiA, ofB, PATIENCE))).as("b's call, read on a").isEqualTo(FINISHED);
        Calls.awaitStatus(apiA, ringing, "CLIENT_CALLTO", PATIENCE);
        String scheduledOrder = order("scheduled");
        Instant due = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 4);
        JsonNode scheduled = schedule(apiB, scheduledOrder, due);
        receiver.await(requests -> requests.size() >= 2, PATIENCE, "failed webhook attempts");

        long killed = System.nanoTime();
        a.kill();
        awaitHealth(apiB, "leader");
        Duration takeOver = Duration.ofNanos(System.nanoTime() - killed);
        System.out.printf("b leads %d ms after a was killed%n", takeOver.toMillis());
        assertThat(takeOver).isLessThan(Duration.ofSeconds(10));
        receiver.mode(WebhookReceiver.Mode.ACCEPT);

        JsonNode attempts = awaitAttempts(apiB, scheduled);
        long attempt = attempts.get(0).get("call_id").asLong();
        assertThat(chain(Calls.awaitEnd(apiB, attempt, PATIENCE))).as("the scheduled attempt").isEqualTo(FINISHED);
        assertThat(awaitAttempts(apiB, scheduled)).as("placed once").hasSize(1);
        assertThat(apiB.api("orderRecords", Map.of("order_id", scheduledOrder)).json().get("calls")).hasSize(1);
        JsonNode adopted = Calls.awaitEnd(apiB, ringing, PATIENCE);
        assertThat(chain(adopted)).as("a's ringing call, followed on by b: %s", adopted).isEqualTo(NOT_ANSWERED);

        List<Long> wanted = new ArrayList<>();
        for (long call : List.of(ofA, ofB, ringing, attempt)) {
            apiB.api("callHistory", Map.of("call_id", Long.toString(call))).json().get("history")
                    .forEach(e -> wanted.add(e.get("id").asLong()));
        }
        receiver.await(requests -> firstArrivals(receiver).containsAll(wanted), PATIENCE, "every status event");
        assertThat(List.copyOf(firstArrivals(receiver))).as("first arrivals in id order").isSorted();
    }

    private Map<String, String> config(Map<String, String> store, WebhookReceiver receiver, String name, int agiPort) {
        Map<String, String> config = new HashMap<>(store);
        config.putAll(Map.of("data.dir", data.resolve(name).toString(), "http.port", "0",
                "agi.port", Integer.toString(agiPort), "daemon.name", name,
                "recordings.dir", AsteriskTestbed.recordingsDir().toString(),
                "operator.ring.timeout", "10s", "client.ring.timeout", "15s",
                "http.rate.per.minute", "0", "http.rate.per.day", "0"));
        config.putAll(Map.of("webhook.urls", receiver.url(), "webhook.secret", SECRET,
                "webhook.retry.min", "100ms", "webhook.retry.max", "1s"));
        return config;
    }

    /** The ids of the events the receiver acknowledged, each at its first arrival. */
    private static Set<Long> firstArrivals(WebhookReceiver receiver) {
        Set<Long> ids = new LinkedHashSet<>();
        receiver.acknowledgedEvents().forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    private static List<String> chain(JsonNode call) {
        List<String> statuses = new ArrayList<>();
        call.get("history").forEach(e -> statuses.add(e.get("status").asText()));
        return statuses;
    }

    private static JsonNode health(RunningDaemon api) throws Exception {
        return api.get("/health", Map.of()).json();
    }

    /** Until the daemon can place calls (its own AMI link) and has {@code role}. */
    private static void awaitHealth(RunningDaemon api, String role) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode health = null;
        while (System.nanoTime() < deadline) {
            health = health(api);
            if (health.get("ami_ready").asBoolean() && role.equals(health.get("role").asText())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not ready as " + role + ": " + health);
    }

    private static JsonNode schedule(RunningDaemon api, String order, Instant due) throws Exception {
        RunningDaemon.Reply reply = api.api("makeCall", Map.of("sip", "1000", "phone", "380639920000",
                "order_id", order, "external_key", "key-" + UUID.randomUUID(),
                "time_to_call", Long.toString(due.getEpochSecond())));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode awaitAttempts(RunningDaemon api, JsonNode made) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode item : api.api("scheduledCalls", Map.of("order_id", made.get("order_id").asText())).json()
                    .get("scheduled_calls")) {
                if (item.get("attempts").size() > 0) {
                    return item.get("attempts");
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the scheduled attempt was not placed: " + made);
    }

    private static String order(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
