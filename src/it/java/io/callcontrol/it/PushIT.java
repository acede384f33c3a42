package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.http.FeedClient;
import io.callcontrol.push.WebhookReceiver;
import io.callcontrol.testbed.AsteriskTestbed;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Real calls through the testbed, pushed to a webhook receiver and a WebSocket client; a daemon killed -9. */
@ExtendWith(AsteriskTestbed.class)
class PushIT {

    private static final String SECRET = "push-it-secret-0123456789";
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @TempDir
    Path data;

    @Test
    void aRealCallsStatusesReachTheWebhookAndTheWebSocketSignedAndInOrder() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET);
                RunningDaemon daemon = new RunningDaemon(data, webhook(receiver))) {
            Calls.awaitAmi(daemon);
            try (FeedClient feed = FeedClient.connect(URI.create(daemon.base()).getPort(), "?after_id=0&kinds=31")) {
                long callId = Calls.make(daemon, "1000", "380639920000", "push-answered");
                JsonNode call = Calls.awaitEnd(daemon, callId, PATIENCE);
                assertThat(call.get("status").asText()).isEqualTo("FINISH");

                List<JsonNode> hooked = await(() -> firstAcknowledged(receiver), PushIT::endsWithRecording,
                        "the recording at the webhook");
                List<JsonNode> streamed = await(feed::messages, PushIT::endsWithRecording,
                        "the recording on the WebSocket");

                List<String> expected = new ArrayList<>();
                call.get("history").forEach(e -> expected.add(e.get("id").asLong() + " " + e.get("status").asText()));
                assertThat(describe(hooked)).startsWith(expected.toArray(String[]::new)).hasSize(expected.size() + 1);
                assertThat(describe(streamed)).isEqualTo(describe(hooked));
                assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.signed()).isTrue());
                JsonNode finish = hooked.get(hooked.size() - 2);
                assertThat(finish.get("kind").asInt()).isEqualTo(8);
                assertThat(finish.get("duration").asLong()).as("the client talks 3 s").isBetween(2L, 6L);
                JsonNode recording = hooked.get(hooked.size() - 1);
                assertThat(recording.get("status").asText()).isEqualTo("RECORDING");
                assertThat(daemon.download(recording.get("recording_url").asText(), "bytes=0-3").statusCode())
                        .isEqualTo(206);
                assertThat(hooked).allSatisfy(e -> {
                    assertThat(e.get("call_id").asLong()).isEqualTo(callId);
                    assertThat(e.get("from").asText()).isEqualTo("1000");
                    assertThat(e.get("to").asText()).isEqualTo("380639920000");
                });
            }
        }
    }

    @Test
    void aDaemonKilledAndRestartedDeliversTheWebhooksItOwed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            Map<String, String> config = new HashMap<>(webhook(receiver));
            config.putAll(Map.of("data.dir", data.toString(), "http.port", "0",
                    "agi.port", Integer.toString(AsteriskTestbed.AGI_PORT),
                    "recordings.dir", AsteriskTestbed.recordingsDir().toString(),
                    "http.rate.per.minute", "0", "http.rate.per.day", "0"));
            JsonNode delivered;
            JsonNode owed;
            try (DaemonProcess first = new DaemonProcess(config)) {
                RunningDaemon api = RunningDaemon.client(first.awaitServing(Duration.ofSeconds(30)));
                Calls.awaitAmi(api);
                delivered = Calls.awaitEnd(api, Calls.make(api, "1001", "380639920000", "push-before"), PATIENCE);
                await(() -> statusesAt(receiver, delivered), events -> !events.isEmpty(),
                        "the first call's statuses at the webhook");

                receiver.mode(WebhookReceiver.Mode.FAIL);
                owed = Calls.awaitEnd(api, Calls.make(api, "1001", "380639920000", "push-owed"), PATIENCE);
                int before = receiver.requests().size();
                receiver.await(requests -> requests.size() >= before + 2, PATIENCE, "failed attempts");

                first.kill();
            }
            receiver.mode(WebhookReceiver.Mode.ACCEPT);
            try (DaemonProcess second = new DaemonProcess(config)) {
                second.awaitServing(Duration.ofSeconds(30));

                List<JsonNode> owedEvents = await(() -> statusesAt(receiver, owed), events -> !events.isEmpty(),
                        "the owed call's statuses");
                assertThat(owedEvents).extracting(e -> e.get("id").asLong()).as("in order").isEqualTo(ids(owed));
                assertThat(describe(firstAcknowledged(receiver))).as("nothing lost, first arrivals in id order")
                        .containsSubsequence(describe(statusesAt(receiver, delivered)))
                        .extracting(text -> Long.parseLong(text.split(" ")[0])).isSorted();
            }
        }
    }

    private static Map<String, String> webhook(WebhookReceiver receiver) {
        return Map.of("webhook.urls", receiver.url(), "webhook.secret", SECRET, "webhook.retry.min", "100ms",
                "webhook.retry.max", "1s");
    }

    /** The call's events the receiver acknowledged, once each; empty until all of its callHistory arrived. */
    private static List<JsonNode> statusesAt(WebhookReceiver receiver, JsonNode call) {
        long callId = call.get("call_id").asLong();
        List<JsonNode> events = firstAcknowledged(receiver).stream()
                .filter(e -> e.get("call_id").asLong() == callId && !e.get("status").asText().equals("RECORDING"))
                .toList();
        return events.size() == call.get("history").size() ? events : List.of();
    }

    private static List<Long> ids(JsonNode call) {
        List<Long> ids = new ArrayList<>();
        call.get("history").forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    /** Each acknowledged event at its first arrival. */
    private static List<JsonNode> firstAcknowledged(WebhookReceiver receiver) {
        Map<Long, JsonNode> first = new LinkedHashMap<>();
        receiver.acknowledgedEvents().forEach(e -> first.putIfAbsent(e.get("id").asLong(), e));
        return new ArrayList<>(first.values());
    }

    private static List<String> describe(List<JsonNode> events) {
        return events.stream().map(e -> e.get("id").asLong() + " " + e.get("status").asText()).toList();
    }

    private static boolean endsWithRecording(List<JsonNode> events) {
        return !events.isEmpty() && events.get(events.size() - 1).get("status").asText().equals("RECORDING");
    }

    private static List<JsonNode> await(Supplier<List<JsonNode>> events, Predicate<List<JsonNode>> done, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> now = events.get();
            if (done.test(now)) {
                return now;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + what + " in " + PATIENCE + ": " + events.get());
    }
}
