package io.callcontrol.http.access;

import static io.callcontrol.http.ApiClient.json;
import static io.callcontrol.http.ApiClient.xml;
import static io.callcontrol.http.ApiClient.xpath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.http.ApiClient;
import io.callcontrol.http.FakeDialer;
import io.callcontrol.http.FakeHistory;
import io.callcontrol.http.LogCapture;
import io.callcontrol.http.RawHttp;
import io.callcontrol.http.TestServers;
import io.callcontrol.recording.Recording;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** API keys and the allow-list on a real server: who gets in, who gets 401 or 403, and that keys stay secret. */
class AccessControlTest {

    private static final String CRM = "A1b2C3d4E5f6G7h8-crm";
    private static final String IVR = "zzzzzzzzzzzzzzzz_ivr";
    private static final FakeDialer DIALER = new FakeDialer();
    private static TestServers.Running server;
    private static ApiClient client;

    @TempDir
    static Path recordings;

    @BeforeAll
    static void start() throws Exception {
        Files.write(recordings.resolve("15-42.wav"), new byte[100]);
        FakeHistory history = new FakeHistory();
        history.recordings.add(new Recording(1, 42, "15", "15-42.wav", 100, 1000, Instant.EPOCH));
        server = TestServers.start(Map.of("http.api.keys", "crm:" + CRM + ",ivr:" + IVR,
                "recordings.dir", recordings.toString(), "http.rate.per.minute", "0", "http.rate.per.day", "0"),
                history, DIALER, Clock.systemUTC());
        client = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void withoutAKeyIs401SayingHowToSendOne() throws Exception {
        HttpResponse<byte[]> asJson = client.get("/api/sipList.json");
        HttpResponse<byte[]> asXml = client.get("/api/sipList.xml");

        assertThat(asJson.statusCode()).isEqualTo(401);
        assertThat(asJson.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"callcontrol\"");
        assertThat(json(asJson).at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(json(asJson).at("/error/message").asText()).contains("X-API-Key", "Bearer", "api_key");
        assertThat(asXml.statusCode()).isEqualTo(401);
        assertThat(xpath(xml(asXml), "/response/error/code")).isEqualTo("unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong-but-long-enough-key", "A1b2C3d4E5f6G7h8-cr", "A1b2C3d4E5f6G7h8-crmx", "Bearer"})
    void aWrongKeyIs401AndIsNotRepeated(String wrong) throws Exception {
        HttpResponse<byte[]> header = client.get("/api/sipList.json", "X-API-Key", wrong);
        HttpResponse<byte[]> query = client.get("/api/sipList.json?api_key="
                + URLEncoder.encode(wrong, StandardCharsets.UTF_8));

        for (HttpResponse<byte[]> response : java.util.List.of(header, query)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).at("/error/message").asText()).isEqualTo("the API key is not valid");
            assertThat(ApiClient.text(response)).doesNotContain(wrong);
        }
    }

    @Test
    void everyFormOfEveryKeyGetsIn() throws Exception {
        for (String key : new String[] {CRM, IVR}) {
            assertThat(client.get("/api/sipList.json", "X-API-Key", key).statusCode()).isEqualTo(200);
            assertThat(client.get("/api/sipList.json", "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
            assertThat(client.get("/api/sipList.json?api_key=" + key).statusCode()).isEqualTo(200);
            assertThat(client.postForm("/api/sipList.json", "status=online&api_key=" + key).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void theKeyParameterIsNoMethodParameter() throws Exception {
        // Given twice with different values it would be a conflict, were it a method parameter.
        HttpResponse<byte[]> twice = client.postForm("/api/sipList.json?api_key=" + CRM, "api_key=" + IVR);
        HttpResponse<byte[]> bad = client.get("/api/orderHistory.json?order_id=a/b&api_key=" + CRM);

        assertThat(twice.statusCode()).isEqualTo(200);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(bad)).contains("order_id").doesNotContain(CRM).doesNotContain("api_key");
    }

    @Test
    void makeCallNeedsTheKeyAndPlacesNothingWithoutIt() throws Exception {
        String query = "/api/makeCall.json?sip=1000&phone=380639920000&order_id=15&external_key=acc-";
        int placed = DIALER.placed.size();

        assertThat(client.get(query + "1").statusCode()).isEqualTo(401);
        assertThat(client.get(query + "2", "X-API-Key", "nope-nope-nope-nope").statusCode()).isEqualTo(401);
        assertThat(DIALER.placed).hasSize(placed);
        assertThat(client.get(query + "3&api_key=" + CRM).statusCode()).isEqualTo(200);
        assertThat(DIALER.placed).hasSize(placed + 1);
    }

    @Test
    void recordingDownloadsNeedTheKeyToo() throws Exception {
        assertThat(client.get("/recordings/1.wav").statusCode()).isEqualTo(401);
        assertThat(client.method("HEAD", "/recordings/1.wav").statusCode()).isEqualTo(401);

        HttpResponse<byte[]> withKey = client.get("/recordings/1.wav?api_key=" + CRM);
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(withKey.body()).hasSize(100);
        assertThat(client.get("/recordings/1.wav", "X-API-Key", IVR).statusCode()).isEqualTo(200);
    }

    @Test
    void keysNeverReachTheLog() throws Exception {
        try (LogCapture log = new LogCapture()) {
            client.get("/api/sipList.json?api_key=" + CRM);
            client.get("/api/sipList.json", "X-API-Key", IVR);
            client.get("/api/sipList.json", "Authorization", "Bearer " + CRM);
            client.get("/api/nope.json?api_key=" + CRM);
            client.get("/api/sipList.json?api_key=" + CRM + "x");
            client.get("/recordings/9.wav?api_key=" + CRM);
            client.get("/api/callHistory.json?call_id=x&api_key=" + CRM);

            assertThat(log.text()).isNotEmpty().doesNotContain(CRM).doesNotContain(IVR);
        }
    }

    @Test
    void aPeerOutsideTheAllowListIsClosedAtConnectWithoutAnAnswerWhateverItClaims() throws Exception {
        try (TestServers.Running closed = TestServers.start(Map.of("http.allow", "10.0.0.0/8,fd00::/8"));
             RawHttp outsider = new RawHttp(closed.port(), 5_000);
             RawHttp claiming = new RawHttp(closed.port(), 5_000)) {
            assertThat(outsider.closedByServer()).as("closed before it sent a byte").isTrue();
            try {
                claiming.send("GET /api/sipList.json HTTP/1.1\r\nHost: test\r\nX-Forwarded-For: 10.0.0.1\r\n"
                        + "X-Real-IP: 10.0.0.1\r\nForwarded: for=10.0.0.1\r\n\r\n");
                assertThat(claiming.read()).as("no answer").isNull();
            } catch (IOException reset) {
                // The request reached a socket already closed: the reset is the refusal too.
            }
            assertThatThrownBy(() -> closed.client().get("/recordings/1.wav")).isInstanceOf(IOException.class);
        }
    }

    @Test
    void withoutKeysConfiguredLoopbackNeedsNone() throws Exception {
        try (TestServers.Running open = TestServers.start(Map.of())) {
            assertThat(open.client().get("/api/sipList.json").statusCode()).isEqualTo(200);
        }
    }
}
