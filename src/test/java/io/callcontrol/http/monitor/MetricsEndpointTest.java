package io.callcontrol.http.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.http.ApiClient;
import io.callcontrol.http.TestServers;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.metrics.PrometheusText;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /metrics on a real server: Prometheus text, the API's own timings, the access rules, no rate limit. */
class MetricsEndpointTest {

    private static final String KEY = "0123456789abcdef0123";
    private static final String COUNT = "callcontrol_http_requests_seconds_count";

    private final Metrics metrics = new Metrics();
    private TestServers.Running server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        metrics.close();
    }

    @Test
    void answersPrometheusTextWithEachApiMethodTimedByStatusClass() throws Exception {
        ApiClient client = start(Map.of());
        assertThat(client.get("/api/sipList.json").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/RecordsList.xml").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/callHistory.json?call_id=x").statusCode()).isEqualTo(400);
        assertThat(client.method("DELETE", "/api/sipList.json").statusCode()).isEqualTo(405);
        assertThat(client.get("/api/noSuchMethod.json").statusCode()).isEqualTo(404);

        HttpResponse<byte[]> scrape = client.get("/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        PrometheusText text = PrometheusText.parse(ApiClient.text(scrape));
        assertThat(text.type("callcontrol_http_requests_seconds")).isEqualTo("histogram");
        assertThat(text.value(COUNT, "method", "sipList", "status", "2xx")).isEqualTo(1);
        assertThat(text.value(COUNT, "method", "sipList", "status", "4xx")).as("the DELETE").isEqualTo(1);
        assertThat(text.value(COUNT, "method", "recordList", "status", "2xx")).as("by its alias").isEqualTo(1);
        assertThat(text.value(COUNT, "method", "callHistory", "status", "4xx")).isEqualTo(1);
        assertThat(text.value(COUNT, "method", "makeCall", "status", "2xx")).isZero();
        assertThat(text.samples(COUNT)).as("an unknown method is not a label")
                .allMatch(s -> !s.labels().get("method").equals("noSuchMethod"));
        assertThat(text.value("callcontrol_http_requests_seconds_sum", "method", "sipList", "status", "2xx"))
                .isPositive();
    }

    @Test
    void scrapesOnAWorkerNotOnTheEventLoop() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        metrics.watchAmi(() -> {
            thread.set(Thread.currentThread().getName());
            return true;
        }, () -> true);
        ApiClient client = start(Map.of());

        assertThat(client.get("/metrics").statusCode()).isEqualTo(200);
        assertThat(thread.get()).startsWith("http-worker");
    }

    @Test
    void needsAnApiKeyWhenKeysAreSetAndTakesItAsBearer() throws Exception {
        ApiClient client = start(Map.of("http.api.keys", "prometheus:" + KEY));

        HttpResponse<byte[]> without = client.get("/metrics");
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(ApiClient.json(without).at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(client.get("/metrics", "Authorization", "Bearer wrong-key-wrong-key").statusCode()).isEqualTo(401);
        HttpResponse<byte[]> bearer = client.get("/metrics", "Authorization", "Bearer " + KEY);
        assertThat(bearer.statusCode()).isEqualTo(200);
        PrometheusText.parse(ApiClient.text(bearer));
    }

    @Test
    void anAddressOutsideTheAllowListIsRefused() throws Exception {
        ApiClient client = start(Map.of("http.allow", "10.0.0.0/8"));

        assertThatThrownBy(() -> client.get("/metrics")).as("closed as it connects").isInstanceOf(IOException.class);
    }

    @Test
    void isNotRateLimitedNorSpendsTheBudget() throws Exception {
        ApiClient client = start(Map.of("http.rate.per.minute", "1"));
        for (int i = 0; i < 5; i++) {
            HttpResponse<byte[]> scrape = client.get("/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("X-RateLimit-Remaining-Minute")).isEmpty();
        }

        assertThat(client.get("/api/sipList.json").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/sipList.json").statusCode()).isEqualTo(429);
        assertThat(client.get("/metrics").statusCode()).isEqualTo(200);
    }

    /** Other HTTP methods get 405 as on /health (the same base handler, tested there). */
    @Test
    void headAnswersFromTheWorkerWithoutABody() throws Exception {
        ApiClient client = start(Map.of());

        HttpResponse<byte[]> head = client.method("HEAD", "/metrics");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue(Metrics.CONTENT_TYPE);
        assertThat(head.body()).isEmpty();
        assertThat(client.get("/metrics").statusCode()).as("the connection still works").isEqualTo(200);
    }

    private ApiClient start(Map<String, String> keys) throws Exception {
        server = TestServers.start(keys, api -> api.metrics(metrics));
        return server.client();
    }
}
