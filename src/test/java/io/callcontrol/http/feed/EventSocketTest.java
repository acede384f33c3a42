package io.callcontrol.http.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callcontrol.Await;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.config.Config;
import io.callcontrol.http.ApiClient;
import io.callcontrol.http.FeedClient;
import io.callcontrol.http.HttpApiServer;
import io.callcontrol.http.OpenApiContractTest;
import io.callcontrol.http.OpenApiDocument;
import io.callcontrol.http.RawHttp;
import io.callcontrol.http.RawWebSocket;
import io.callcontrol.http.TestParts;
import io.callcontrol.http.monitor.HealthCheck;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.metrics.PrometheusText;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.push.EventFeed;
import io.callcontrol.push.EventMessages;
import io.callcontrol.push.LoggedEvent;
import io.callcontrol.push.PushStore;
import io.callcontrol.push.Webhooks;
import io.callcontrol.storage.SqlHistory;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** /api/events on a real server over a real store, followed by real WebSocket clients. */
class EventSocketTest {

    private static final String KEY = "crm-key-0123456789abcdef";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PushStore store;
    private EventFeed feed;
    private HttpApiServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        store = PushStore.open(dir);
        feed = new EventFeed(store.log, store.changes, 2);
        server = server(Map.of(), null);
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        feed.close();
        store.close();
    }

    @Test
    void resumingAfterADisconnectGetsExactlyTheMissedEventsThenLiveOnes() throws Exception {
        store.answeredCall("a");
        List<Long> first;
        try (FeedClient client = FeedClient.connect(port, "?after_id=0", "X-API-Key", KEY)) {
            client.await(7, PATIENCE);
            first = client.ids();
        }
        store.answeredCall("b");
        long resumeAt = first.get(first.size() - 1);

        try (FeedClient client = FeedClient.connect(port, "?after_id=" + resumeAt, "Authorization", "Bearer " + KEY)) {
            client.await(7, PATIENCE);
            assertThat(client.ids()).isEqualTo(ids(store.log.after(resumeAt, 100)));
            store.call("c");
            client.await(8, PATIENCE);

            List<Long> all = new ArrayList<>(first);
            all.addAll(client.ids());
            assertThat(all).isEqualTo(ids(store.log.after(0, 100)));
        }
    }

    @Test
    void withoutACursorTheFeedStartsNowAndEachMessageSaysWhatHappened() throws Exception {
        store.answeredCall("old");
        try (FeedClient client = FeedClient.connect(port, "?api_key=" + KEY)) {
            awaitCursor();
            CallRecord call = store.answeredCall("new");

            List<JsonNode> messages = client.await(7, PATIENCE);
            assertThat(messages).extracting(m -> m.get("status").asText()).containsExactly("CALL", "OPERATOR_CALLTO",
                    "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH", "RECORDING");
            assertThat(messages).extracting(m -> m.get("kind").asInt()).containsExactly(1, 1, 2, 2, 4, 8, 16);
            assertThat(messages).allSatisfy(m -> {
                assertThat(m.get("call_id").asLong()).isEqualTo(call.callId());
                assertThat(m.get("order_id").asText()).isEqualTo("order-new");
                assertThat(m.get("from").asText()).isEqualTo("1000");
                assertThat(m.get("to").asText()).isEqualTo("380639920000");
                assertThat(m.get("time").asText()).endsWith("+00:00");
            });
            assertThat(messages.get(5).get("duration").asLong()).isBetween(0L, 5L);
            assertThat(messages.get(6).get("recording_url").asText())
                    .matches("http://127\\.0\\.0\\.1:" + port + "/recordings/\\d+\\.wav");
            List<String> fields = new ArrayList<>();
            messages.get(0).fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("id", "kind", "status", "call_id", "order_id", "from", "to", "time",
                    "duration", "recording_url", "detail", "direction");
            assertThat(messages.subList(0, 6)).allSatisfy(m -> assertThat(m.get("direction").asText())
                    .isEqualTo("outbound"));
        }
    }

    @Test
    void withHealthTheFeedAlsoSendsTheDaemonsStateAtOnceAndAtEachChange() throws Exception {
        AtomicBoolean amiUp = new AtomicBoolean(true);
        HttpApiServer watched = parts(Map.of(), null)
                .health(() -> new HealthCheck.Report(amiUp.get(), amiUp.get(), true, true, null, 0, 0, 0, 0)).server();
        int watchedPort = watched.start();
        try (FeedClient withHealth = FeedClient.connect(watchedPort, "?api_key=" + KEY + "&health=1");
                FeedClient without = FeedClient.connect(watchedPort, "?api_key=" + KEY)) {
            JsonNode first = withHealth.await(1, PATIENCE).get(0);
            assertThat(first.get("type").asText()).isEqualTo("health");
            assertThat(first.has("id")).as("a state, not an event of the log").isFalse();
            assertThat(first.at("/health/status").asText()).isEqualTo("ok");
            assertThat(first.at("/health/ami_ready").asBoolean()).isTrue();
            assertThat(first.get("webhooks").isArray()).isTrue();

            amiUp.set(false);
            JsonNode down = withHealth.await(2, PATIENCE).get(1);
            assertThat(down.at("/health/status").asText()).isEqualTo("degraded");
            assertThat(down.at("/health/ami_connected").asBoolean()).isFalse();

            store.answeredCall("seen");
            List<JsonNode> all = withHealth.await(9, PATIENCE);
            assertThat(all.subList(2, 9)).extracting(m -> m.get("status").asText()).containsExactly("CALL",
                    "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH", "RECORDING");
            assertThat(without.await(7, PATIENCE)).as("no state unless asked for")
                    .allSatisfy(m -> assertThat(m.has("type")).isFalse());
        } finally {
            watched.close();
        }
    }

    @Test
    void theKindsMaskChoosesTheMessages() throws Exception {
        store.answeredCall("a");
        store.presence("1000", io.callcontrol.operator.OperatorStatus.INUSE);

        try (FeedClient finished = FeedClient.connect(port, "?after_id=0&kinds=24", "X-API-Key", KEY);
                FeedClient presence = FeedClient.connect(port, "?after_id=0&kinds=32", "X-API-Key", KEY)) {
            assertThat(finished.await(2, PATIENCE)).extracting(m -> m.get("status").asText())
                    .containsExactly("FINISH", "RECORDING");
            assertThat(presence.await(1, PATIENCE)).singleElement().satisfies(m -> {
                assertThat(m.get("kind").asInt()).isEqualTo(32);
                assertThat(m.get("status").asText()).isEqualTo("inuse");
                assertThat(m.get("from").asText()).isEqualTo("1000");
                assertThat(m.get("call_id").isNull()).isTrue();
            });
        }
    }

    @Test
    void theSipFilterSendsTheOperatorsEventsOnlyAndResumesFromItsCursor() throws Exception {
        store.answeredCall("a"); // operator 1000
        CallRecord other = store.store.createCall("1001", "380639920000", "order-b", "b", FirstParty.OPERATOR,
                Duration.ofSeconds(10)).join();
        store.append(other, CallStatus.OPERATOR_CALLTO);
        store.presence("1001", OperatorStatus.ONLINE);
        long last;
        try (FeedClient client = FeedClient.connect(port, "?after_id=0&sip=1001", "X-API-Key", KEY)) {
            List<JsonNode> got = client.await(3, PATIENCE);
            assertThat(got).extracting(m -> m.get("status").asText()).containsExactly("CALL", "OPERATOR_CALLTO",
                    "online");
            assertThat(got).allSatisfy(m -> assertThat(m.get("from").asText()).isEqualTo("1001"));
            last = client.ids().get(2);
        }
        store.answeredCall("c");
        store.append(other, CallStatus.OPERATOR_PICKUP);

        try (FeedClient client = FeedClient.connect(port, "?sip=1000,1001&after_id=" + last, "X-API-Key", KEY)) {
            client.await(8, PATIENCE);
            assertThat(client.ids()).isEqualTo(ids(store.log.after(last, 100)));
        }
        assertThat(upgradeError("sip=1000,x")).isEqualTo("sip: must be a comma list of operators' sip numbers"
                + " (1 to 20 digits each); 'x' is not one");
        assertThat(upgradeError("sip=1000,")).startsWith("sip: ");
    }

    @Test
    void aMissingOrWrongKeyIsRefusedLikeTheApi() {
        assertThat(handshakeStatus()).isEqualTo(401);
        assertThat(handshakeStatus("X-API-Key", "not-the-key-0123456789")).isEqualTo(401);
        assertThat(handshakeStatus("Authorization", "Bearer not-the-key-0123456789")).isEqualTo(401);
        assertThat(feed.subscriptions()).isZero();
    }

    @Test
    void badRequestsGetTheApisErrorsBeforeAnyUpgrade() throws Exception {
        ApiClient api = new ApiClient(port);
        var plain = api.get("/api/events", "X-API-Key", KEY);
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(plain).at("/error/message").asText()).contains("/api/events is a WebSocket");
        assertThat(api.method("POST", "/api/events", "X-API-Key", KEY).statusCode()).isEqualTo(405);

        assertThat(upgradeError("after_id=-1")).isEqualTo("after_id: must be a whole number >= 0");
        assertThat(upgradeError("after_id=1", "Sec-WebSocket-Version: 8"))
                .isEqualTo("/api/events: a WebSocket handshake needs Sec-WebSocket-Key and Sec-WebSocket-Version: 13");
        assertThat(upgradeError("kinds=64")).isEqualTo("kinds: must be a whole number from 1 to 63");
        assertThat(upgradeError("kinds=0")).isEqualTo("kinds: must be a whole number from 1 to 63");
        assertThat(upgradeError("health=yes")).isEqualTo("health: must be a whole number from 0 to 1");
        assertThat(feed.subscriptions()).isZero();
    }

    /**
     * /api/events takes what openapi.yaml says it takes: a value just outside each documented limit is refused
     * before the upgrade, naming the parameter, and the limits themselves open a feed.
     */
    @Test
    void theDocumentedParametersAndLimitsAreTheOnesTheFeedTakes() throws Exception {
        OpenApiDocument doc = OpenApiDocument.bundled();
        OpenApiDocument.Operation events = doc.operations().stream()
                .filter(o -> o.path().equals("/api/events") && doc.webSocket(o)).findFirst().orElseThrow();
        List<String> names = new ArrayList<>();
        for (JsonNode parameter : doc.parameters(events)) {
            String name = parameter.get("name").asText();
            names.add(name);
            JsonNode schema = doc.resolve(parameter.get("schema"));
            for (String bad : OpenApiContractTest.outside(schema)) {
                // encoded as a client would: a raw space would be a malformed request line, not a bad value
                assertThat(upgradeError(name + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8)))
                        .as(name + "=" + bad).startsWith(name + ": ");
            }
            for (String good : OpenApiContractTest.edges(schema)) {
                FeedClient.connect(port, "?" + name + "=" + good, "X-API-Key", KEY).close();
            }
        }
        assertThat(names).containsExactly("after_id", "kinds", "sip", "health");
    }

    @Test
    void aClientThatStopsReadingIsNotReadForAndGetsEverythingOnceItReads() throws Exception {
        int events = insertAnsweredCalls(4_000);
        long newest = store.log.newestId();

        try (RawWebSocket client = new RawWebSocket(port, "/api/events?after_id=0", KEY, 4_096)) {
            JsonNode first = JSON.readTree(client.nextText());
            // 20,000 events of about 1.1 kB: far more than the socket buffers (at most 4 MB each way) hold
            assertThat(settledCursor()).as("read for a client that reads nothing").isLessThan(newest / 2);

            List<Long> ids = new ArrayList<>(List.of(first.get("id").asLong()));
            while (ids.size() < events) {
                ids.add(JSON.readTree(client.nextText()).get("id").asLong());
            }
            assertThat(ids).isEqualTo(ids(store.log.after(0, events)));
        }
    }

    @Test
    void aClientThatNeverAnswersPingsIsClosedWithA1002WithinTheIdleTimeout() throws Exception {
        try (Metrics metrics = new Metrics()) {
            HttpApiServer quick = parts(Map.of("http.idle.timeout", "1s"), null).metrics(metrics).server();
            try (RawWebSocket silent = new RawWebSocket(quick.start(), "/api/events", KEY, 65_536)) {
                long start = System.nanoTime();
                long deadline = start + PATIENCE.toNanos();
                int pings = 0;
                RawWebSocket.Frame frame = silent.nextFrame();
                // It reads everything the daemon sends, and answers nothing.
                for (; frame != null && frame.opcode() != RawWebSocket.Frame.CLOSE && System.nanoTime() < deadline;
                        frame = silent.nextFrame()) {
                    pings += frame.opcode() == RawWebSocket.Frame.PING ? 1 : 0;
                }
                long closedAfter = Duration.ofNanos(System.nanoTime() - start).toMillis();

                assertThat(pings).as("pinged first").isPositive();
                assertThat(frame).as("a close frame").isNotNull();
                assertThat(frame.opcode()).isEqualTo(RawWebSocket.Frame.CLOSE);
                assertThat(frame.closeCode()).isEqualTo(1002);
                assertThat(new String(frame.payload(), 2, frame.payload().length - 2, StandardCharsets.UTF_8))
                        .isEqualTo(SilentFeedCloser.REASON);
                assertThat(silent.nextFrame()).as("then the connection ends").isNull();
                // 1 s, plus whatever a busy build machine adds.
                assertThat(closedAfter).isBetween(900L, 8_000L);
                assertThat(PrometheusText.parse(metrics.scrape()).value(
                        "callcontrol_http_feed_unanswered_closes_total")).isEqualTo(1);
            } finally {
                quick.close();
            }
        }
    }

    @Test
    void aClientThatAnswersPingsStaysOpenPastTheIdleTimeoutAndGetsItsEvents() throws Exception {
        HttpApiServer quick = server(Map.of("http.idle.timeout", "1s"), null);
        try (RawWebSocket live = new RawWebSocket(quick.start(), "/api/events?after_id=0", KEY, 65_536)) {
            // A ping every half second: six answered ones are three idle timeouts without a word besides the pongs.
            for (int pings = 0; pings < 6; ) {
                RawWebSocket.Frame frame = live.nextFrame();
                assertThat(frame).as("still open after " + pings + " pings").isNotNull();
                assertThat(frame.opcode()).as("no close").isNotEqualTo(RawWebSocket.Frame.CLOSE);
                if (frame.opcode() == RawWebSocket.Frame.PING) {
                    live.pong(frame.payload());
                    pings++;
                }
            }
            store.answeredCall("late");

            RawWebSocket.Frame frame = live.nextFrame();
            for (; frame != null && frame.opcode() == RawWebSocket.Frame.PING; frame = live.nextFrame()) {
                live.pong(frame.payload());
            }
            assertThat(frame).isNotNull();
            assertThat(JSON.readTree(frame.text()).get("status").asText()).isEqualTo("CALL");
        } finally {
            quick.close();
        }
    }

    @Test
    void webhookStatusShowsEachTargetAsJsonAndXml() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> keys = Map.of("webhook.urls", "http://127.0.0.1:" + closedPort + "/hook?token=x",
                "webhook.secret", "webhook-test-secret-0123", "webhook.retry.min", "50ms", "webhook.retry.max", "100ms");
        try (Webhooks webhooks = new Webhooks(Config.from(keys).webhooks(), store.log, store.cursors, store.changes,
                Clock.systemUTC())) {
            webhooks.start(batch -> new EventMessages(ZoneOffset.UTC).webhookBody(batch, ""));
            store.answeredCall("a");
            HttpApiServer withWebhooks = server(keys, webhooks);
            ApiClient api = new ApiClient(withWebhooks.start());
            try {
                JsonNode target = awaitTarget(api);
                assertThat(target.get("url").asText()).isEqualTo("http://127.0.0.1:" + closedPort + "/hook?...");
                assertThat(target.get("delivered_id").asLong()).isZero();
                assertThat(target.get("pending").asLong()).isEqualTo(7);
                assertThat(target.get("state").asText()).isEqualTo("retrying");
                assertThat(target.get("last_error").asText()).contains("ConnectException");
                assertThat(target.get("last_error_at").asText()).endsWith("+00:00");
                assertThat(target.get("last_delivered_at").isNull()).isTrue();

                Document xml = ApiClient.xml(api.get("/api/webhookStatus.xml", "X-API-Key", KEY));
                assertThat(ApiClient.xpath(xml, "/response/targets/target/state")).isEqualTo("retrying");
            } finally {
                withWebhooks.close();
            }
        }
        var none = new ApiClient(port).get("/api/webhookStatus.json", "X-API-Key", KEY);
        assertThat(ApiClient.json(none).get("targets")).isEmpty();
    }

    private JsonNode awaitTarget(ApiClient api) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode targets = ApiClient.json(api.get("/api/webhookStatus.json", "X-API-Key", KEY)).get("targets");
            assertThat(targets).hasSize(1);
            if (targets.get(0).get("attempts").asInt() >= 2 || System.nanoTime() > deadline) {
                return targets.get(0);
            }
            Thread.sleep(20);
        }
    }

    private HttpApiServer server(Map<String, String> extra, Webhooks webhooks) {
        return parts(extra, webhooks).server();
    }

    private TestParts parts(Map<String, String> extra, Webhooks webhooks) {
        Map<String, String> keys = new HashMap<>(Map.of("http.port", "0", "recordings.dir", "/nonexistent",
                "http.api.keys", "crm:" + KEY, "http.rate.per.minute", "0", "http.rate.per.day", "0"));
        keys.putAll(extra);
        Config config = Config.from(keys);
        return new TestParts(config.http(), config.recordings()).history(new SqlHistory(store.database))
                .push(feed, webhooks == null ? List::of : webhooks::status);
    }

    /** The HTTP status a WebSocket handshake with these headers is refused with. */
    private int handshakeStatus(String... headers) {
        Throwable refused = catchThrowable(() -> FeedClient.connect(port, "?after_id=0", headers).close());
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
        }
        throw new AssertionError("the handshake was not refused", refused);
    }

    /** The error message a WebSocket upgrade with this query gets. */
    private String upgradeError(String query) throws Exception {
        return upgradeError(query, "Sec-WebSocket-Version: 13");
    }

    private String upgradeError(String query, String versionHeader) throws Exception {
        try (RawHttp raw = new RawHttp(port, 5_000)) {
            raw.send("GET /api/events?" + query + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + versionHeader
                    + "\r\nX-API-Key: " + KEY + "\r\n\r\n");
            RawHttp.Answer answer = raw.read(false);
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            return JSON.readTree(answer.body()).at("/error/message").asText();
        }
    }

    /** The feed's one cursor once it has not moved for a second. */
    private long settledCursor() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long cursor = -1;
        for (int still = 0; still < 4 && System.nanoTime() < deadline; ) {
            Thread.sleep(250);
            long now = feed.cursors().get(0);
            still = now == cursor ? still + 1 : 0;
            cursor = now;
        }
        return cursor;
    }

    private void awaitCursor() throws InterruptedException {
        Await.until(() -> !feed.cursors().isEmpty() && feed.cursors().get(0) >= 0, PATIENCE,
                "the subscription to start");
    }

    /** Rows written straight into the store, many at once, for a long feed; the number of status events. */
    private int insertAnsweredCalls(int calls) throws Exception {
        String padding = "x".repeat(1_000);
        try (Connection c = store.database.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement call = c.prepareStatement("INSERT INTO calls (id, external_key, order_id, sip, phone,"
                    + " channel_id, status, created_at, updated_at) VALUES (?, ?, 'bulk', '1000', '380639920000', ?,"
                    + " 'FINISH', 0, 0)");
                    PreparedStatement event = c.prepareStatement("INSERT INTO call_events (call_id, order_id, status,"
                            + " at, detail) VALUES (?, 'bulk', ?, 0, ?)")) {
                for (int i = 1; i <= calls; i++) {
                    call.setInt(1, i);
                    call.setString(2, "bulk-" + i);
                    call.setString(3, "cc-" + i);
                    call.executeUpdate();
                    for (CallStatus status : PushStore.ANSWERED) {
                        event.setInt(1, i);
                        event.setString(2, status.name());
                        event.setString(3, padding);
                        event.addBatch();
                    }
                }
                event.executeBatch();
            }
            c.commit();
        }
        return calls * PushStore.ANSWERED.length;
    }

    private static List<Long> ids(List<LoggedEvent> events) {
        return events.stream().map(LoggedEvent::id).toList();
    }
}
