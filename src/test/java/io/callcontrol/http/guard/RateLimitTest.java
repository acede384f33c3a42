package io.callcontrol.http.guard;

import static io.callcontrol.http.ApiClient.json;
import static io.callcontrol.http.ApiClient.xml;
import static io.callcontrol.http.ApiClient.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.http.ApiClient;
import io.callcontrol.http.FakeDialer;
import io.callcontrol.http.FakeHistory;
import io.callcontrol.http.TestClock;
import io.callcontrol.http.TestServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-caller budgets on a real server whose clock the test moves. */
class RateLimitTest {

    private static final String CRM = "A1b2C3d4E5f6G7h8-crm";
    private static final String IVR = "zzzzzzzzzzzzzzzz_ivr";
    /** 30 s before the next minute, 13 h 30 min before the next UTC day. */
    private final TestClock clock = new TestClock(Instant.parse("2024-05-01T10:29:30Z"));

    @Test
    void everyAnswerSaysWhatIsLeftAndTheOverflowIs429() throws Exception {
        try (TestServers.Running server = start(Map.of("http.rate.per.minute", "3", "http.rate.per.day", "10"))) {
            ApiClient client = server.client();

            HttpResponse<byte[]> first = client.get("/api/sipList.json");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("X-RateLimit-Limit-Minute")).hasValue("3");
            assertThat(first.headers().firstValue("X-RateLimit-Remaining-Minute")).hasValue("2");
            assertThat(first.headers().firstValue("X-RateLimit-Limit-Day")).hasValue("10");
            assertThat(first.headers().firstValue("X-RateLimit-Remaining-Day")).hasValue("9");
            // Errors and downloads count too, and carry the same headers.
            HttpResponse<byte[]> missing = client.get("/recordings/9.wav");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("X-RateLimit-Remaining-Minute")).hasValue("1");
            assertThat(client.get("/api/nope.xml").headers().firstValue("X-RateLimit-Remaining-Minute")).hasValue("0");

            HttpResponse<byte[]> refused = client.get("/api/sipList.json");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(refused.headers().firstValue("X-RateLimit-Remaining-Minute")).hasValue("0");
            assertThat(refused.headers().firstValue("X-RateLimit-Remaining-Day")).hasValue("7");
            assertThat(json(refused).at("/error/code").asText()).isEqualTo("rate_limited");
            assertThat(json(refused).at("/error/message").asText())
                    .isEqualTo("rate limit: address 127.0.0.1 has spent its per-minute budget of 3 requests"
                            + " (http.rate.per.minute); retry in 30 s");
            HttpResponse<byte[]> refusedXml = client.get("/api/sipList.xml");
            assertThat(xpath(xml(refusedXml), "/response/error/code")).isEqualTo("rate_limited");

            clock.advance(Duration.ofSeconds(30));
            HttpResponse<byte[]> nextMinute = client.get("/api/sipList.json");
            assertThat(nextMinute.statusCode()).isEqualTo(200);
            assertThat(nextMinute.headers().firstValue("X-RateLimit-Remaining-Minute")).hasValue("2");
            assertThat(nextMinute.headers().firstValue("X-RateLimit-Remaining-Day")).hasValue("6");
        }
    }

    @Test
    void theDayBudgetSaysSoAndWaitsForUtcMidnight() throws Exception {
        try (TestServers.Running server = start(Map.of("http.rate.per.minute", "0", "http.rate.per.day", "2"))) {
            ApiClient client = server.client();
            client.get("/api/sipList.json");
            HttpResponse<byte[]> last = client.get("/api/sipList.json");
            assertThat(last.headers().firstValue("X-RateLimit-Remaining-Day")).hasValue("0");
            assertThat(last.headers().firstValue("X-RateLimit-Limit-Minute")).as("unlimited: no header").isEmpty();

            HttpResponse<byte[]> refused = client.get("/api/sipList.json");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue(Long.toString(13 * 3600 + 30 * 60 + 30));
            assertThat(json(refused).at("/error/message").asText())
                    .contains("per-day budget of 2 requests (http.rate.per.day)");
            clock.set(Instant.parse("2024-05-02T00:00:00Z"));
            assertThat(client.get("/api/sipList.json").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void eachKeyHasItsOwnBudget() throws Exception {
        try (TestServers.Running server = start(Map.of("http.rate.per.minute", "2",
                "http.api.keys", "crm:" + CRM + ",ivr:" + IVR))) {
            ApiClient client = server.client();
            client.get("/api/sipList.json", "X-API-Key", CRM);
            client.get("/api/sipList.json?api_key=" + CRM);

            HttpResponse<byte[]> crm = client.get("/api/sipList.json", "Authorization", "Bearer " + CRM);
            HttpResponse<byte[]> ivr = client.get("/api/sipList.json", "X-API-Key", IVR);

            assertThat(crm.statusCode()).isEqualTo(429);
            assertThat(json(crm).at("/error/message").asText()).startsWith("rate limit: key 'crm' has spent");
            assertThat(ApiClient.text(crm)).doesNotContain(CRM);
            assertThat(ivr.statusCode()).isEqualTo(200);
            assertThat(ivr.headers().firstValue("X-RateLimit-Remaining-Minute")).hasValue("1");
        }
    }

    @Test
    void unlimitedAnswersHaveNoBudgetHeaders() throws Exception {
        try (TestServers.Running server = start(Map.of("http.rate.per.minute", "0", "http.rate.per.day", "0"))) {
            HttpResponse<byte[]> response = server.client().get("/api/sipList.json");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().map().keySet()).noneMatch(name -> name.startsWith("x-ratelimit"));
        }
    }

    private TestServers.Running start(Map<String, String> keys) throws Exception {
        return TestServers.start(keys, new FakeHistory(), new FakeDialer(), clock);
    }
}
