package io.callcontrol.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callcontrol.config.Config;
import io.callcontrol.control.FakeLink;
import io.callcontrol.control.MemoryTrace;
import io.callcontrol.face.callkeeper.CallkeeperFace;
import io.callcontrol.face.novofon.NovofonFace;
import io.callcontrol.face.novofon.NovofonHandler;
import io.callcontrol.face.uis.UisFace;
import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A face on a real server: it answers its path with its own credentials (http.api.keys is not asked for there, and
 * is still asked for everywhere else), and the server's allow-list and rate limit apply to it as to the API.
 */
class FacesOnTheServerTest {

    private static final String API_KEY = "crm-api-key-0123456789";
    private static final String FACE_KEY = "novofon-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T09:30:00Z"));

    private TestServers.Running start(Map<String, String> more) throws Exception {
        Map<String, String> keys = new HashMap<>(Map.of("http.api.keys", "crm:" + API_KEY,
                "novofon.keys", "nv:" + FACE_KEY));
        keys.putAll(more);
        Config config = Config.from(keys);
        FakeHistory history = new FakeHistory();
        return TestServers.start(keys, parts -> parts.clock(clock).faces(Map.of(
                NovofonHandler.PATH, NovofonFace.handler(config.novofon(), new FakeDialer(), history,
                MemoryTrace.control(history, new FakeLink()), clock))));
    }

    private static HttpResponse<String> listCalls(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + NovofonHandler.PATH))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list.calls\","
                        + "\"params\":{\"access_token\":\"" + FACE_KEY + "\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFaceTakesItsOwnKeysWhileTheApiStillWantsAnApiKey() throws Exception {
        try (TestServers.Running server = start(Map.of())) {
            HttpResponse<String> face = listCalls(server.port());
            int api = server.client().get("/api/sipList.json").statusCode();
            int apiWithKey = server.client().get("/api/sipList.json", "X-API-Key", API_KEY).statusCode();

            assertThat(face.statusCode()).as(face.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(face.body());
            assertThat(body.at("/result/data").isArray()).as(face.body()).isTrue();
            assertThat(api).isEqualTo(401);
            assertThat(apiWithKey).isEqualTo(200);
        }
    }

    @Test
    void theServersRateLimitAppliesToTheFace() throws Exception {
        try (TestServers.Running server = start(Map.of("http.rate.per.minute", "2"))) {
            assertThat(listCalls(server.port()).statusCode()).isEqualTo(200);
            assertThat(listCalls(server.port()).statusCode()).isEqualTo(200);

            HttpResponse<String> spent = listCalls(server.port());

            assertThat(spent.statusCode()).isEqualTo(429);
            assertThat(spent.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void aPeerOutsideTheAllowListCannotReachTheFace() throws Exception {
        try (TestServers.Running server = start(Map.of("http.allow", "10.0.0.0/8"))) {
            assertThatThrownBy(() -> listCalls(server.port())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void withoutTheFaceItsPathIsUnknown() throws Exception {
        try (TestServers.Running server = TestServers.start(Map.of())) {
            assertThat(listCalls(server.port()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theUisAndCallkeeperFacesTakeTheirOwnCredentialsWhileTheApiStillWantsAnApiKey() throws Exception {
        Map<String, String> keys = Map.of("http.api.keys", "crm:" + API_KEY, "uis.users", "crm:" + FACE_KEY,
                "uis.operators", "74951234567:1000", "callkeeper.keys", "ck:" + FACE_KEY, "callkeeper.offices", "1000");
        Config config = Config.from(keys);
        Map<String, Function<Executor, ChannelHandler>> faces = new HashMap<>(CallkeeperFace.handlers(config.callkeeper(), new TestParts.NoSchedules(), clock));
        faces.put(UisFace.PATH, UisFace.handler(config.uis(), new FakeDialer(), clock));
        try (TestServers.Running server = TestServers.start(keys, parts -> parts.clock(clock).faces(faces))) {
            HttpResponse<String> uis = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + UisFace.PATH)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"authenticate\","
                            + "\"id\":1,\"params\":{\"login\":\"crm\",\"password\":\"" + FACE_KEY + "\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<byte[]> stats = server.client().get("/callkeeper/getCallsInfo?api_key=" + FACE_KEY + "&date");
            int unknownCallkeeperPath = server.client().get("/callkeeper/noSuchMethod").statusCode();

            assertThat(JSON.readTree(uis.body()).at("/result/session_key").asText()).as(uis.body()).hasSize(40);
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(new String(stats.body(), StandardCharsets.UTF_8)).isEqualTo("[]");
            assertThat(unknownCallkeeperPath).isEqualTo(401);
        }
    }
}
