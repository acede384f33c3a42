package io.callcontrol.face.prostiezvonki;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Direction;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusChange;
import io.callcontrol.config.Config;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.http.FeedClient;
import io.callcontrol.http.HttpApiServer;
import io.callcontrol.http.TestParts;
import io.callcontrol.push.EventFeed;
import io.callcontrol.push.PushStore;
import io.callcontrol.storage.InboundStore;
import io.callcontrol.storage.SqlHistory;
import io.callcontrol.track.TrackerThread;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prostiezvonki face on a real server over a real store, spoken to as its script speaks: the seed's own
 * connect example ({@code user_phone: '100'}, {@code client_id: 'password'}, {@code client_type: 'jsapi'}), its event
 * types and field names, its error shape ({@code result: 'error', text}) and close codes 4008 and 4009.
 */
class ProstiezvonkiContractTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String CONNECT = "{\"command\":\"connect\",\"user_phone\":\"100\",\"client_id\":\"password\","
            + "\"client_type\":\"jsapi\"}";

    @TempDir
    Path dir;

    private PushStore store;
    private EventFeed feed;
    private HttpApiServer server;
    private SqlHistory history;
    private int port;
    private final List<CallRequest> placed = new ArrayList<>();

    /** The dialer: stores the call as makeCall's dialer does, sends nothing anywhere. */
    private final Dialer dialer = new Dialer() {
        @Override
        public synchronized CallRecord makeCall(CallRequest request) {
            placed.add(request);
            return store.store.createCall(request.sip(), request.phone(), request.orderId(), request.externalKey(),
                    request.first(), Duration.ofSeconds(10)).join();
        }

        @Override
        public Optional<TrackerThread.Releasing> release(long callId) {
            return Optional.empty();
        }
    };

    @BeforeEach
    void start() throws Exception {
        store = PushStore.open(dir);
        feed = new EventFeed(store.log, store.changes, 2);
        Config config = Config.from(Map.of("http.port", "0", "recordings.dir", "/nonexistent",
                "http.api.keys", "crm:crm-key-0123456789abcdef", "prostiezvonki.users", "100:password,1000:secret-1000",
                "http.rate.per.minute", "0", "http.rate.per.day", "0"));
        history = new SqlHistory(store.database);
        server = new TestParts(config.http(), config.recordings()).history(history).push(feed, List::of)
                .dialer(dialer)
                .faces(ProstiezvonkiFace.handlers(config.prostiezvonki(), config.http(), feed, history, dialer))
                .server();
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        feed.close();
        store.close();
    }

    private FeedClient connected(String connect) throws Exception {
        FeedClient client = FeedClient.connectTo(port, "/prostiezvonki");
        client.send(connect);
        JsonNode hello = client.await(1, PATIENCE).get(0);
        assertThat(hello.get("message").asText()).as(hello.toString()).isEqualTo("connected");
        return client;
    }

    /** The events the client got, without the other messages. */
    private static List<JsonNode> events(FeedClient client, int count) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<JsonNode> events = List.of();
        while (System.nanoTime() < deadline) {
            events = client.messages().stream().filter(m -> m.get("message").asText().equals("event"))
                    .map(m -> m.get("event")).toList();
            if (events.size() >= count) {
                break;
            }
            Thread.sleep(10);
        }
        assertThat(events).as(client.messages().toString()).hasSize(count);
        return events;
    }

    private static JsonNode result(FeedClient client, String command) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode m : client.messages()) {
                if (m.get("message").asText().equals("result") && command.equals(m.path("command").asText(null))) {
                    return m;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no result of " + command + ": " + client.messages());
    }

    @Test
    void theSeedsConnectExampleIsAdmittedAndTheOperatorsOutgoingCallGivesTypes8And16And4() throws Exception {
        try (FeedClient client = connected(CONNECT)) {
            assertThat(client.messages().get(0).get("user_phone").asText()).isEqualTo("100");
            CallRecord other = store.store.createCall("1000", "380639920001", "o", "k-other",
                    FirstParty.OPERATOR, Duration.ofSeconds(10)).join();
            store.append(other, PushStore.ANSWERED);

            client.send("{\"command\":\"call\",\"phone\":\"380639920000\"}");
            JsonNode ok = result(client, "call");
            assertThat(ok.get("result").asText()).as(ok.toString()).isEqualTo("ok");
            assertThat(placed).singleElement().satisfies(request -> {
                assertThat(request.sip()).as("the connected operator").isEqualTo("100");
                assertThat(request.phone()).isEqualTo("380639920000");
                assertThat(request.orderId()).isEqualTo("prostiezvonki");
            });
            String callId = ok.get("callID").asText();
            CallRecord call = history.call(Long.parseLong(callId)).orElseThrow();
            store.append(call, PushStore.ANSWERED);
            store.store.addRecording(call.callId(), call.orderId(), "2026-12-07/prostiezvonki-" + callId + ".wav",
                    48_044, 3_000).join();

            List<JsonNode> events = events(client, 3);
            assertThat(events).extracting(e -> e.get("type").asInt()).containsExactly(8, 16, 4);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("callID").asText()).isEqualTo(callId);
                assertThat(e.get("from").asText()).as("the operator calls").isEqualTo("100");
                assertThat(e.get("to").asText()).isEqualTo("380639920000");
            });
            JsonNode finished = events.get(2);
            assertThat(finished.get("direction").asInt()).as("1: outgoing").isOne();
            assertThat(finished.get("start").asLong()).isEqualTo(call.createdAt().getEpochSecond());
            assertThat(finished.get("end").asLong()).isGreaterThanOrEqualTo(finished.get("start").asLong());
            assertThat(finished.get("duration").isIntegralNumber()).isTrue();
            assertThat(finished.get("record").asText()).matches("http://127\\.0\\.0\\.1:" + port
                    + "/recordings/[0-9]+\\.wav");
        }
    }

    @Test
    void anInboundCallRingingTheOperatorGivesTypes2And32And4WithDirection0() throws Exception {
        try (FeedClient client = connected(CONNECT)) {
            InboundStore inbound = new InboundStore(store.store);
            CallRecord call = inbound.create("1700000000.1", Direction.INBOUND, "100", "380501112233", List.of(
                    new StatusChange(CallStatus.CALL, "call from 380501112233"),
                    new StatusChange(CallStatus.OPERATOR_CALLTO, "ringing operator 100"))).join();
            inbound.append("1700000000.1", "100", List.of(new StatusChange(CallStatus.OPERATOR_PICKUP, "answered"),
                    new StatusChange(CallStatus.FINISH, "caller cause 16"))).join();

            List<JsonNode> events = events(client, 3);
            assertThat(events).extracting(e -> e.get("type").asInt()).containsExactly(2, 32, 4);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("callID").asText()).isEqualTo(Long.toString(call.callId()));
                assertThat(e.get("from").asText()).as("the caller").isEqualTo("380501112233");
                assertThat(e.get("to").asText()).as("the operator rung").isEqualTo("100");
            });
            assertThat(events.get(2).get("direction").asInt()).as("0: incoming").isZero();
            assertThat(events.get(2).get("record").isNull()).as("inbound recordings are not linked").isTrue();
        }
    }

    @Test
    void aWrongPasswordOrAFirstMessageOtherThanConnectIsClosedWith4008() throws Exception {
        for (String first : List.of(CONNECT.replace("\"password\"", "\"wrong-one\""),
                CONNECT.replace("\"100\"", "\"101\""), "{\"command\":\"call\",\"phone\":\"380639920000\"}",
                "not json")) {
            FeedClient client = FeedClient.connectTo(port, "/prostiezvonki");
            client.send(first);
            assertThat(client.awaitClose(PATIENCE)).as(first).isEqualTo(4008);
            assertThat(client.messages()).as(first).isEmpty();
        }
        assertThat(placed).isEmpty();
    }

    @Test
    void aClientThatNeverSendsConnectIsClosedWith4008AfterTheIdleTimeoutThoughItAnswersPings() throws Exception {
        server.close();
        Config config = Config.from(Map.of("http.port", "0", "recordings.dir", "/nonexistent",
                "http.idle.timeout", "1s", "prostiezvonki.users", "100:password"));
        server = new TestParts(config.http(), config.recordings()).history(history).push(feed, List::of)
                .faces(ProstiezvonkiFace.handlers(config.prostiezvonki(), config.http(), feed, history, dialer))
                .server();
        port = server.start();
        FeedClient silent = FeedClient.connectTo(port, "/prostiezvonki");
        long start = System.nanoTime();

        assertThat(silent.awaitClose(PATIENCE)).isEqualTo(4008);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(silent.messages()).isEmpty();
    }

    @Test
    void theSameUserPhoneConnectingAgainClosesTheOlderConnectionWith4009() throws Exception {
        FeedClient older = connected(CONNECT);
        try (FeedClient newer = connected(CONNECT)) {
            assertThat(older.awaitClose(PATIENCE)).isEqualTo(4009);
            CallRecord call = store.store.createCall("100", "380639920000", "o", "k-1",
                    FirstParty.OPERATOR, Duration.ofSeconds(10)).join();
            store.append(call, CallStatus.OPERATOR_CALLTO);
            assertThat(events(newer, 1).get(0).get("type").asInt()).isEqualTo(8);
        }
    }

    @Test
    void aBadPhoneIsRefusedInTheSeedsErrorShapeByMakeCallsRuleAndPlacesNothing() throws Exception {
        try (FeedClient client = connected(CONNECT)) {
            client.send("{\"command\":\"call\",\"phone\":\"1000&PJSIP/evil\"}");
            JsonNode refused = result(client, "call");
            assertThat(refused.get("result").asText()).isEqualTo("error");
            assertThat(refused.get("text").asText()).startsWith("phone: must be the client's number");
            assertThat(placed).isEmpty();
        }
    }

    @Test
    void transferAndSmsAreRefusedInTheSeedsErrorShapeAndNothingIsDone() throws Exception {
        try (FeedClient client = connected(CONNECT)) {
            client.send("{\"command\":\"transfer\",\"call_id\":\"1\",\"phone\":\"1001\"}");
            JsonNode transfer = result(client, "transfer");
            assertThat(transfer.get("result").asText()).isEqualTo("error");
            assertThat(transfer.get("text").asText()).isEqualTo(Commands.TRANSFER_REFUSED);
            client.send("{\"command\":\"sms\",\"phone\":\"380639920000\",\"text\":\"hi\"}");
            assertThat(result(client, "sms").get("text").asText()).isEqualTo(Commands.SMS_REFUSED);
            assertThat(placed).isEmpty();
            assertThat(events(client, 0)).isEmpty();
        }
    }

    @Test
    void theScriptIsServedWithoutAKeyAndHasTheSeedsApi() throws Exception {
        HttpResponse<String> script = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/prostiezvonki/prostiezvonki.js")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        for (String api : List.of("global.prostiezvonki = pz", "global.pz = pz", "connect:", "disconnect:",
                "isConnected:", "onConnect:", "onDisconnect:", "onError:", "onEvent:", "call:", "transfer:", "sms:",
                "APPLICATION_ERRORS", "isTransfer", "isIncoming", "isHistory", "isOutcoming", "isOutcomingAnswer",
                "isIncomingAnswer", "isSmsSent", "isSmsStatus", "Ошибка авторизации (4008)")) {
            assertThat(script.body()).as(api).contains(api);
        }
    }

    @Test
    void aPlainGetOfTheSocketIsTheApisError() throws Exception {
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/prostiezvonki")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("is a WebSocket");
    }
}
