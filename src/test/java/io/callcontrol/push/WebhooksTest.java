package io.callcontrol.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallRecord;
import io.callcontrol.config.Config;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.push.EventMessages;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks against a real HTTP receiver on loopback, from a real SQLite store. */
class WebhooksTest {

    private static final String SECRET = "webhook-test-secret-0123";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private PushStore store;
    private WebhookReceiver receiver;
    private Webhooks webhooks;

    @BeforeEach
    void open() throws Exception {
        store = PushStore.open(dir);
        receiver = new WebhookReceiver(SECRET);
    }

    @AfterEach
    void close() {
        if (webhooks != null) {
            webhooks.close();
        }
        receiver.close();
        store.close();
    }

    @Test
    void everyEventArrivesSignedAndInOrderThroughFailuresTimeoutsAndRecovery() throws Exception {
        start(Map.of("webhook.timeout", "1s")); // under the receiver's HANG, over a slow first answer
        receiver.mode(WebhookReceiver.Mode.FAIL);
        CallRecord a = store.answeredCall("a");
        store.presence("1000", OperatorStatus.INUSE);
        CallRecord b = store.answeredCall("b");

        receiver.await(requests -> requests.size() >= 3, PATIENCE, "three attempts");
        WebhookStatus failing = awaitStatus(s -> s.attempts() >= 2, "two failed attempts");
        assertThat(failing.state()).isEqualTo("retrying");
        assertThat(failing.lastError()).isEqualTo("HTTP 500");
        assertThat(failing.lastErrorAt()).isNotNull();
        assertThat(failing.deliveredId()).isZero();
        assertThat(failing.pending()).isEqualTo(store.log.countAfter(0)).isEqualTo(15);

        receiver.mode(WebhookReceiver.Mode.HANG);
        awaitStatus(s -> s.lastError().startsWith("no answer within 1000 ms"), "a timeout");
        receiver.mode(WebhookReceiver.Mode.ACCEPT);
        WebhookStatus delivered = awaitDelivered();

        assertThat(delivered.state()).isEqualTo("ok");
        assertThat(delivered.attempts()).isZero();
        assertThat(delivered.pending()).isZero();
        assertThat(delivered.failures()).isGreaterThanOrEqualTo(3);
        assertThat(delivered.lastDeliveredAt()).isNotNull();
        assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.signed()).as("signature of %s", r).isTrue());
        List<Long> wanted = store.log.after(0, 1000).stream()
                .filter(e -> !(e instanceof LoggedEvent.Presence)).map(LoggedEvent::id).toList();
        // A request that timed out may have reached the receiver: then it has those events twice (at least once).
        assertThat(receiver.acknowledgedEvents().stream().map(e -> e.get("id").asLong()).distinct().toList())
                .as("first acknowledged in id order; presence is not a default kind").isEqualTo(wanted);
        assertThat(receiver.requests()).allSatisfy(r -> assertThat(wanted).containsAll(r.ids()));
        assertThat(statusesOf(a)).containsExactly("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO",
                "CLIENT_PICKUP", "FINISH", "RECORDING");
        assertThat(statusesOf(b)).hasSize(7).endsWith("FINISH", "RECORDING");
    }

    @Test
    void theMessagesSayWhoCalledWhomAndWhereTheRecordingIs() throws Exception {
        start(Map.of());
        CallRecord a = store.answeredCall("a");
        awaitDelivered();

        List<JsonNode> events = receiver.acknowledgedEvents();
        JsonNode call = events.get(0);
        assertThat(call.get("id").asLong()).isPositive();
        assertThat(call.get("kind").asInt()).isEqualTo(1);
        assertThat(call.get("status").asText()).isEqualTo("CALL");
        assertThat(call.get("call_id").asLong()).isEqualTo(a.callId());
        assertThat(call.get("order_id").asText()).isEqualTo("order-a");
        assertThat(call.get("from").asText()).isEqualTo("1000");
        assertThat(call.get("to").asText()).isEqualTo("380639920000");
        assertThat(call.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+00:00");
        assertThat(call.get("duration").isNull()).isTrue();
        assertThat(events).extracting(e -> e.get("kind").asInt()).containsExactly(1, 1, 2, 2, 4, 8, 16);
        JsonNode finish = events.get(5);
        assertThat(finish.get("duration").asLong()).isBetween(0L, 5L);
        assertThat(finish.get("detail").asText()).isEqualTo("detail of FINISH");
        JsonNode recording = events.get(6);
        assertThat(recording.get("recording_url").asText()).matches("http://pbx:8080/recordings/\\d+\\.wav");
        assertThat(recording.get("duration").asLong()).isEqualTo(3);
        assertThat(recording.get("call_id").asLong()).isEqualTo(a.callId());
    }

    @Test
    void aReceiverThatRefusesShowsAsFailingAndIsStillTried() throws Exception {
        start(Map.of());
        receiver.mode(WebhookReceiver.Mode.REFUSE);
        store.answeredCall("a");

        WebhookStatus refused = awaitStatus(s -> s.attempts() >= 3, "three refused attempts");
        assertThat(refused.state()).isEqualTo("failing");
        assertThat(refused.lastError()).isEqualTo("HTTP 400");
        receiver.mode(WebhookReceiver.Mode.ACCEPT);

        assertThat(awaitDelivered().state()).isEqualTo("ok");
        assertThat(receiver.acknowledgedEvents()).hasSize(7);
    }

    @Test
    void pausedWebhooksSendNothingAndResumeFromTheStoredCursor() throws Exception {
        start(Map.of());
        store.answeredCall("a");
        awaitDelivered();
        int before = receiver.requests().size();

        webhooks.pause(); // this daemon no longer leads
        assertThat(webhooks.status()).isEmpty();
        store.answeredCall("b");
        Thread.sleep(300); // a paused daemon would have sent within this (retry.min is 20 ms): nothing may arrive
        assertThat(receiver.requests()).hasSize(before);

        webhooks.resume();
        awaitDelivered();
        assertThat(receiver.acknowledgedEvents().stream().map(e -> e.get("id").asLong()).toList())
                .as("each once, in order").isSorted().doesNotHaveDuplicates().hasSize(14);
    }

    @Test
    void aRetryAfterOfZeroWaitsAtLeastTheFirstBackoffStep() throws Exception {
        start(Map.of("webhook.retry.min", "300ms", "webhook.retry.max", "2s"));
        receiver.mode(WebhookReceiver.Mode.RETRY_AT_ONCE);
        store.answeredCall("a");

        receiver.await(requests -> requests.size() >= 4, PATIENCE, "four attempts");
        List<WebhookReceiver.Request> tried = receiver.requests();
        for (int i = 1; i < 4; i++) {
            long pauseMillis = (tried.get(i).arrivedNanos() - tried.get(i - 1).arrivedNanos()) / 1_000_000;
            assertThat(pauseMillis).as("pause before attempt %d (webhook.retry.min is the floor)", i + 1)
                    .isGreaterThanOrEqualTo(290);
        }
        receiver.mode(WebhookReceiver.Mode.ACCEPT);
        assertThat(awaitDelivered().state()).isEqualTo("ok");
    }

    @Test
    void afterARestartDeliveryGoesOnFromTheStoredCursor() throws Exception {
        start(Map.of());
        store.answeredCall("a");
        long lastOfA = awaitDelivered().deliveredId();
        webhooks.close();
        store.close();

        store = PushStore.open(dir);
        store.answeredCall("b"); // while no webhook runs
        start(Map.of());
        awaitDelivered();

        List<Long> ids = receiver.acknowledgedEvents().stream().map(e -> e.get("id").asLong()).toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize(14).isSorted();
        assertThat(ids.subList(7, 14)).isEqualTo(store.log.after(lastOfA, 100).stream().map(LoggedEvent::id).toList());
    }

    @Test
    void aCursorLeftBehindByACrashMeansRepeatsNeverLosses() throws Exception {
        start(Map.of());
        store.answeredCall("a");
        long lastOfA = awaitDelivered().deliveredId();
        webhooks.close();
        // as if the daemon died after the receiver's 2xx but before the cursor's commit
        try (Connection c = store.database.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE webhook_cursors SET delivered_id = " + (lastOfA - 3));
        }
        store.answeredCall("b");

        start(Map.of());
        awaitDelivered();

        List<Long> ids = receiver.acknowledgedEvents().stream().map(e -> e.get("id").asLong()).toList();
        assertThat(ids).hasSize(7 + 3 + 7);
        assertThat(ids.subList(7, 10)).as("sent again").isEqualTo(ids.subList(4, 7));
        assertThat(ids.subList(7, ids.size())).isSorted()
                .containsAll(store.log.after(lastOfA, 100).stream().map(LoggedEvent::id).toList());
    }

    @Test
    void theKindsMaskChoosesWhatIsSentAndTheCursorPassesTheRest() throws Exception {
        start(Map.of("webhook.kinds", "40"));
        store.answeredCall("a");
        store.presence("1000", OperatorStatus.ONLINE);

        assertThat(awaitDelivered().pending()).isZero();
        assertThat(receiver.acknowledgedEvents()).extracting(e -> e.get("status").asText())
                .containsExactly("FINISH", "online");
        assertThat(receiver.acknowledgedEvents().get(1).get("kind").asInt()).isEqualTo(32);
        assertThat(receiver.acknowledgedEvents().get(1).get("detail").asText()).isEqualTo("ONLINE");
    }

    @Test
    void withoutUrlsNothingStartsAndTheStatusIsEmpty() {
        webhooks = new Webhooks(Config.from(Map.of()).webhooks(), store.log, store.cursors, store.changes,
                Clock.systemUTC());
        webhooks.start(batch -> new byte[0]);

        assertThat(webhooks.status()).isEmpty();
        assertThat(webhooks.pending()).isZero();
        assertThat(webhooks.failures()).isZero();
    }

    private void start(Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of("webhook.urls", receiver.url(), "webhook.secret", SECRET,
                "webhook.timeout", "5s", "webhook.retry.min", "20ms", "webhook.retry.max", "200ms"));
        keys.putAll(extra);
        webhooks = new Webhooks(Config.from(keys).webhooks(), store.log, store.cursors, store.changes,
                Clock.systemUTC());
        EventMessages messages = new EventMessages(ZoneOffset.UTC);
        webhooks.start(batch -> messages.webhookBody(batch, "http://pbx:8080"));
    }

    private WebhookStatus awaitDelivered() throws InterruptedException {
        long newest = store.log.newestId();
        return awaitStatus(s -> s.deliveredId() == newest, "everything up to event " + newest + " delivered");
    }

    private WebhookStatus awaitStatus(Predicate<WebhookStatus> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        WebhookStatus status = webhooks.status().get(0);
        while (!condition.test(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " in " + PATIENCE + ": " + status);
            }
            Thread.sleep(10);
            status = webhooks.status().get(0);
        }
        return status;
    }

    /** The statuses of a call as the receiver first acknowledged them. */
    private List<String> statusesOf(CallRecord call) {
        Set<Long> seen = new HashSet<>();
        return receiver.acknowledgedEvents().stream()
                .filter(e -> e.get("call_id").asLong() == call.callId() && seen.add(e.get("id").asLong()))
                .map(e -> e.get("status").asText())
                .toList();
    }
}
