package io.callcontrol.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callcontrol.config.HttpConfig;
import io.callcontrol.control.FakeLink;
import io.callcontrol.control.MemoryTrace;
import io.callcontrol.http.FakeDialer;
import io.callcontrol.http.FakeHistory;
import io.callcontrol.http.NotFoundHandler;
import io.callcontrol.http.TestParts;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.recording.Recording;
import io.callcontrol.storage.StoreException;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ApiHandler on an EmbeddedChannel: routing, errors, and that method work only runs on the worker executor. */
class ApiHandlerTest {

    private static final HttpConfig HTTP = new HttpConfig("127.0.0.1", 8080, "", 65_536, 2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeHistory history = new FakeHistory();
    private final Queue<Runnable> worker = new ArrayDeque<>();
    private EmbeddedChannel channel;

    @AfterEach
    void noLeaks() {
        if (channel != null) {
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void methodRunsOnTheWorkerNotTheEventLoop() throws Exception {
        history.recordings.add(new Recording(5, 42, "15", "15-42.wav", 100, 2000, Instant.EPOCH));
        channel = channel(HTTP, worker::add);

        channel.writeInbound(get("/api/recordList.json", "crm.example:8080"));

        assertThat((Object) channel.readOutbound()).as("nothing answered on the event loop").isNull();
        assertThat(worker).hasSize(1);
        worker.poll().run();
        JsonNode body = body(channel.readOutbound(), 200);
        assertThat(body.at("/records/0/url").asText()).isEqualTo("http://crm.example:8080/recordings/5.wav");
        assertThat(body.at("/records/0/created_at").asText()).isEqualTo("1970-01-01T00:00:00.000+00:00");
    }

    @Test
    void hostHeaderThatIsNotAHostFallsBackToTheBindAddress() throws Exception {
        history.recordings.add(new Recording(5, 42, "15", "15-42.wav", 100, 2000, Instant.EPOCH));
        channel = channel(HTTP, Runnable::run);

        channel.writeInbound(get("/api/recordList.json", "evil.example/x?"));

        assertThat(body(channel.readOutbound(), 200).at("/records/0/url").asText())
                .isEqualTo("http://127.0.0.1:8080/recordings/5.wav");
    }

    @Test
    void publicUrlWinsOverTheHostHeader() throws Exception {
        history.recordings.add(new Recording(5, 42, "15", "15-42.wav", 100, 2000, Instant.EPOCH));
        channel = channel(new HttpConfig("0.0.0.0", 8080, "https://pbx.example/cc", 65_536, 2), Runnable::run);

        channel.writeInbound(get("/api/recordList.json", "crm.example"));

        assertThat(body(channel.readOutbound(), 200).at("/records/0/url").asText())
                .isEqualTo("https://pbx.example/cc/recordings/5.wav");
    }

    @Test
    void unknownMethodIsA404NamingTheMethods() throws Exception {
        channel = channel(HTTP, Runnable::run);

        channel.writeInbound(get("/api/dropTables.json", "h"));

        JsonNode error = body(channel.readOutbound(), 404).at("/error");
        assertThat(error.at("/code").asText()).isEqualTo("unknown_method");
        assertThat(error.at("/message").asText()).contains("dropTables").contains("recordList");
        assertThat(worker).isEmpty();
    }

    @Test
    void unknownEncodingIsA404NamingTheEncodings() throws Exception {
        channel = channel(HTTP, Runnable::run);

        channel.writeInbound(get("/api/recordList.html", "h"));

        JsonNode error = body(channel.readOutbound(), 404).at("/error");
        assertThat(error.at("/code").asText()).isEqualTo("not_found");
        assertThat(error.at("/message").asText()).contains(".json, .xml");
    }

    @Test
    void otherPathsGoOnToTheNextHandler() throws Exception {
        channel = channel(HTTP, Runnable::run);

        channel.writeInbound(get("/index.html", "h"));

        assertThat(body(channel.readOutbound(), 404).at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void otherHttpMethodsAre405WithAllow() throws Exception {
        channel = channel(HTTP, Runnable::run);

        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/api/sipList.json"));

        FullHttpResponse response = channel.readOutbound();
        assertThat(response.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, POST");
        assertThat(body(response, 405).at("/error/code").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void fullWorkerQueueIs503Overloaded() throws Exception {
        channel = channel(HTTP, task -> {
            throw new RejectedExecutionException("full");
        });

        channel.writeInbound(get("/api/sipList.json", "h"));

        FullHttpResponse response = channel.readOutbound();
        assertThat(response.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("1");
        assertThat(body(response, 503).at("/error/code").asText()).isEqualTo("overloaded");
    }

    @Test
    void storeFailureIs503AndBugsAre500WithoutDetails() throws Exception {
        channel = channel(HTTP, Runnable::run);

        history.failure = new StoreException("database is locked");
        channel.writeInbound(get("/api/recordList.json", "h"));
        assertThat(body(channel.readOutbound(), 503).at("/error/code").asText()).isEqualTo("store_unavailable");

        history.failure = new IllegalStateException("secret internals");
        channel.writeInbound(get("/api/recordList.json", "h"));
        JsonNode error = body(channel.readOutbound(), 500).at("/error");
        assertThat(error.at("/code").asText()).isEqualTo("internal_error");
        assertThat(error.toString()).doesNotContain("secret");
    }

    private EmbeddedChannel channel(HttpConfig http, Executor workers) {
        ApiRoutes routes = new ApiRoutes(history, new FakeDialer(), new TestParts.NoSchedules(),
                new TimeFormat(ZoneOffset.UTC), List::of, TestParts.NO_TALLIES,
                MemoryTrace.control(history, new FakeLink()));
        return new EmbeddedChannel(new ApiHandler(routes, workers, http, new Metrics()), new NotFoundHandler());
    }

    private static FullHttpRequest get(String uri, String host) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        request.headers().set(HttpHeaderNames.HOST, host);
        return request;
    }

    private static JsonNode body(FullHttpResponse response, int status) throws Exception {
        try {
            assertThat(response.status().code()).isEqualTo(status);
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE))
                    .isEqualTo("application/json; charset=UTF-8");
            return JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }
}
