package io.callcontrol.http.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.config.Config;
import io.callcontrol.http.ApiClient;
import io.callcontrol.http.HttpApiServer;
import io.callcontrol.http.TestParts;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** GET /health on a real server: 200 when every part works, 503 naming what does not; no key needed. */
class HealthTest {

    private static final HealthCheck.Report OK = new HealthCheck.Report(true, true, true, true, null, 0, 3, 0, 0);
    private static final HealthCheck.Report AMI_DOWN = new HealthCheck.Report(false, false, true, true, null, 0, 0, 0, 0);
    /** Logged in, but Asterisk is still booting (or shutting down): makeCall answers 503. */
    private static final HealthCheck.Report ASTERISK_BOOTING =
            new HealthCheck.Report(true, false, true, true, null, 0, 0, 0, 0);
    private static final HealthCheck.Report STORE_FULL =
            new HealthCheck.Report(true, true, true, false, "[SQLITE_FULL] database or disk is full", 12, 0, 0, 0);

    private final AtomicReference<HealthCheck.Report> report = new AtomicReference<>(OK);

    @Test
    void reportsEveryPartAnd503WhenOneIsDown() throws Exception {
        try (Running server = start(Map.of())) {
            HttpResponse<byte[]> ok = server.client.get("/health");
            assertThat(ok.statusCode()).isEqualTo(200);
            JsonNode body = ApiClient.json(ok);
            assertThat(body.get("status").asText()).isEqualTo("ok");
            assertThat(body.get("ami_connected").asBoolean()).isTrue();
            assertThat(body.get("ami_ready").asBoolean()).isTrue();
            assertThat(body.get("tracker_backlog").asInt()).isEqualTo(3);

            report.set(AMI_DOWN);
            HttpResponse<byte[]> down = server.client.get("/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(ApiClient.json(down).get("status").asText()).isEqualTo("degraded");

            report.set(ASTERISK_BOOTING);
            HttpResponse<byte[]> booting = server.client.get("/health");
            assertThat(booting.statusCode()).isEqualTo(503);
            JsonNode notReady = ApiClient.json(booting);
            assertThat(notReady.get("status").asText()).isEqualTo("degraded");
            assertThat(notReady.get("ami_connected").asBoolean()).isTrue();
            assertThat(notReady.get("ami_ready").asBoolean()).isFalse();

            report.set(STORE_FULL);
            JsonNode full = ApiClient.json(server.client.get("/health"));
            assertThat(full.get("store_writable").asBoolean()).isFalse();
            assertThat(full.get("store_error").asText()).contains("SQLITE_FULL");
        }
    }

    @Test
    void needsNoApiKeyButTheApiStillDoes() throws Exception {
        try (Running server = start(Map.of("http.api.keys", "crm:0123456789abcdef0123"))) {
            assertThat(server.client.get("/health").statusCode()).isEqualTo(200);
            assertThat(server.client.get("/api/sipList.json").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void onlyGetAndHead() throws Exception {
        try (Running server = start(Map.of())) {
            assertThat(server.client.method("HEAD", "/health").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> post = server.client.method("POST", "/health");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
    }

    private Running start(Map<String, String> keys) throws Exception {
        Map<String, String> values = new HashMap<>(Map.of("http.port", "0", "recordings.dir", "/nonexistent"));
        values.putAll(keys);
        Config config = Config.from(values);
        HttpApiServer server = new TestParts(config.http(), config.recordings()).health(report::get).server();
        return new Running(server, new ApiClient(server.start()));
    }

    private record Running(HttpApiServer server, ApiClient client) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
