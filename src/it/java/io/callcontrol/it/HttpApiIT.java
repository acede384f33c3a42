package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.metrics.PrometheusText;
import io.callcontrol.testbed.AmiProbe;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.xml.parsers.DocumentBuilderFactory;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The HTTP API of a daemon wired to the real Asterisk: recordings, both encodings, bad input, presence. */
class HttpApiIT extends WithDaemon {


    @Test
    void answeredCallsRecordingIsListedByOrderAndDownloadsAsAudio() throws Exception {
        String order = "rec-" + UUID.randomUUID().toString().substring(0, 8);
        long callId = Calls.make(daemon, "1000", "380639920000", order);
        assertThat(Calls.awaitEnd(daemon, callId, Duration.ofSeconds(40)).get("status").asText()).isEqualTo("FINISH");

        JsonNode record = Calls.awaitRecording(daemon, order, callId);
        assertThat(record.get("size_bytes").asLong()).isGreaterThan(16_000);
        assertThat(record.get("duration_ms").asLong()).isBetween(1_000L, 20_000L);
        JsonNode listed = find(daemon.api("recordList", Map.of("per_page", "500")).json().get("records"), callId);
        assertThat(listed).isNotNull();
        assertThat(listed.get("url").asText()).isEqualTo(record.get("url").asText());

        HttpResponse<byte[]> audio = daemon.download(record.get("url").asText(), null);
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(audio.body()).hasSize((int) record.get("size_bytes").asLong());
        assertThat(new String(audio.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        HttpResponse<byte[]> part = daemon.download(record.get("url").asText(), "bytes=0-99");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).hasSize(100);
    }

    @Test
    void healthSaysEveryPartWorks() throws Exception {
        RunningDaemon.Reply health = daemon.get("/health", Map.of());

        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        assertThat(health.json().get("ami_connected").asBoolean()).isTrue();
        assertThat(health.json().get("ami_ready").asBoolean()).isTrue();
        assertThat(health.json().get("agi_listening").asBoolean()).isTrue();
        assertThat(health.json().get("store_writable").asBoolean()).isTrue();
    }

    @Test
    void metricsCountARealCallsEndAndItsOriginate() throws Exception {
        PrometheusText before = PrometheusText.parse(metricsText());
        long callId = Calls.make(daemon, "1000", "380639920003", "metrics");
        String status = Calls.awaitEnd(daemon, callId, Duration.ofSeconds(30)).get("status").asText();
        double endedBefore = before.value("callcontrol_calls_ended_total", "status", status);

        // the tracker counts the end just after it queued the status the API has read
        PrometheusText after = PrometheusText.await(HttpApiIT::metricsText, Duration.ofSeconds(5),
                text -> text.value("callcontrol_calls_ended_total", "status", status) > endedBefore);
        assertThat(status).isEqualTo("FINISH");
        assertThat(after.value("callcontrol_calls_ended_total", "status", status)).isGreaterThan(endedBefore);
        assertThat(after.value("callcontrol_calls_started_total"))
                .isGreaterThan(before.value("callcontrol_calls_started_total"));
        assertThat(after.value("callcontrol_originate_latency_seconds_count"))
                .isGreaterThan(before.value("callcontrol_originate_latency_seconds_count"));
        assertThat(after.value("callcontrol_originate_latency_seconds_sum")).isPositive();
        assertThat(after.value("callcontrol_ami_connected")).isEqualTo(1);
        assertThat(after.value("callcontrol_ami_events_total"))
                .isGreaterThan(before.value("callcontrol_ami_events_total"));
        assertThat(after.value("callcontrol_http_requests_seconds_count", "method", "makeCall", "status", "2xx"))
                .isPositive();
        assertThat(after.families()).contains("jvm_memory_used_bytes", "process_uptime_seconds");
    }

    private static String metricsText() throws Exception {
        RunningDaemon.Reply reply = daemon.get("/metrics", Map.of());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    @Test
    void everyEndpointAnswersInJsonAndXml() throws Exception {
        String order = "enc-" + UUID.randomUUID().toString().substring(0, 8);
        long callId = Calls.make(daemon, "1001", "380639920000", order);
        Calls.awaitEnd(daemon, callId, Duration.ofSeconds(30));
        Map<String, Map<String, String>> methods = Map.of(
                "recordList", Map.of("page", "1", "per_page", "5"),
                "orderRecords", Map.of("order_id", order),
                "orderHistory", Map.of("order_id", order, "group_by_call", "1"),
                "callHistory", Map.of("call_id", Long.toString(callId)),
                "sipList", Map.of("status", "offline,online,inuse"),
                "operatorHistory", Map.of("sip", "1003"));
        for (var method : methods.entrySet()) {
            RunningDaemon.Reply json = daemon.get("/api/" + method.getKey() + ".json", method.getValue());
            RunningDaemon.Reply xml = daemon.get("/api/" + method.getKey() + ".xml", method.getValue());
            assertThat(json.status()).as(method.getKey() + " " + json.body()).isEqualTo(200);
            assertThat(xml.status()).as(method.getKey() + " " + xml.body()).isEqualTo(200);
            JsonNode tree = json.json();
            Document doc = parseXml(xml.body());
            assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("response");
            tree.fieldNames().forEachRemaining(field -> assertThat(doc.getElementsByTagName(field).getLength())
                    .as(method.getKey() + ": XML has <" + field + ">").isPositive());
        }
        JsonNode history = daemon.api("orderHistory", Map.of("order_id", order)).json();
        assertThat(history.get("history").get(0).get("status").asText()).isEqualTo("CALL");
        Document xmlHistory = parseXml(daemon.get("/api/OrderHistory.xml", Map.of("order_id", order)).body());
        assertThat(xmlHistory.getElementsByTagName("status").item(0).getTextContent()).isEqualTo("CALL");
    }

    @Test
    void badInputIsRefusedNamingTheParameterAndNothingReachesAsterisk() throws Exception {
        List<Map<String, String>> bad = new ArrayList<>();
        for (String phone : List.of("380639920000&PJSIP/1001", "38063,9920000", "PJSIP/1001", "1001@trunk",
                "380639920000;x", "380639920000\r\nAction: Originate", "38063 9920000", "", "1".repeat(21),
                "38O639920000", "+", "380639920000|1")) {
            bad.add(params("1000", phone, "15"));
        }
        for (String sip : List.of("1000&1001", "1000,1", "1000/x", "abc", "", "1".repeat(21), "1000\n")) {
            bad.add(params(sip, "380639920000", "15"));
        }
        bad.add(params("1000", "380639920000", "../../etc"));
        bad.add(params("1000", "380639920000", "o".repeat(65)));
        long lastEvent = lastEventId();

        try (AmiProbe ami = new AmiProbe()) {
            for (Map<String, String> params : bad) {
                RunningDaemon.Reply reply = daemon.api("makeCall", params);
                assertThat(reply.status()).as(params + " -> " + reply.body()).isEqualTo(400);
                JsonNode error = reply.json().get("error");
                assertThat(error.get("code").asText()).isEqualTo("invalid_parameter");
                assertThat(error.get("message").asText()).containsAnyOf("sip", "phone", "order_id");
            }
            RunningDaemon.Reply missing = daemon.api("makeCall", Map.of("sip", "1000", "phone", "380639920000"));
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().get("error").get("message").asText()).contains("order_id");
            // a good call afterwards shows the probe would have seen a channel
            long callId = Calls.make(daemon, "1001", "380639920000", "after-bad-input");
            ami.await(NewChannelEvent.class, e -> e.getUniqueId().startsWith("cc-" + callId + "-"), Duration.ofSeconds(10));
            assertThat(ami.seen(NewChannelEvent.class, e -> true)).hasSize(1);
        }
        JsonNode stream = daemon.api("callHistory", Map.of("after_id", Long.toString(lastEvent))).json();
        stream.get("history").forEach(event -> assertThat(event.get("order_id").asText()).isEqualTo("after-bad-input"));
    }

    @Test
    void theSameExternalKeyAtTheSameInstantPlacesOneCall() throws Exception {
        Map<String, String> params = params("1001", "380639920000", "dup");
        params.put("external_key", "dup-" + UUID.randomUUID());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<RunningDaemon.Reply>> same = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                same.add(() -> daemon.api("makeCall", params));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<RunningDaemon.Reply> reply : pool.invokeAll(same)) {
                statuses.add(reply.get().status());
            }
            assertThat(statuses).containsOnlyOnce(200).contains(409).containsOnly(200, 409);
        } finally {
            pool.shutdownNow();
        }
        RunningDaemon.Reply again = daemon.api("makeCall", params);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").get("code").asText()).isEqualTo("duplicate_external_key");
        JsonNode calls = daemon.api("orderRecords", Map.of("order_id", "dup")).json().get("calls");
        assertThat(calls).hasSize(1);
        Calls.awaitEnd(daemon, calls.get(0).get("call_id").asLong(), Duration.ofSeconds(30));
    }

    @Test
    void operatorPresenceFollowsAsteriskAndIsLogged() throws Exception {
        JsonNode offline = daemon.api("sipList", Map.of("status", "offline", "per_page", "100")).json();
        assertThat(sips(offline.get("operators"))).contains("1003").doesNotContain("1000");

        long callId = Calls.make(daemon, "1000", "380639920000", "presence");
        awaitPresence("1000", "inuse");
        Calls.awaitEnd(daemon, callId, Duration.ofSeconds(40));
        awaitPresence("1000", "online");

        JsonNode log = daemon.api("operatorHistory", Map.of("sip", "1000")).json();
        List<String> statuses = new ArrayList<>();
        log.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        assertThat(statuses).contains("inuse", "online");
        assertThat(statuses.get(0)).isEqualTo("online");
    }

    private static void awaitPresence(String sip, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode list = daemon.api("sipList", Map.of("status", status, "per_page", "100")).json();
            if (sips(list.get("operators")).contains(sip)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("operator " + sip + " never became " + status);
    }

    private static List<String> sips(JsonNode operators) {
        List<String> sips = new ArrayList<>();
        operators.forEach(op -> sips.add(op.get("sip").asText()));
        return sips;
    }

    private static JsonNode find(JsonNode records, long callId) {
        for (JsonNode record : records) {
            if (record.get("call_id").asLong() == callId) {
                return record;
            }
        }
        return null;
    }

    private static long lastEventId() throws Exception {
        long after = 0;
        while (true) {
            JsonNode page = daemon.api("callHistory", Map.of("after_id", Long.toString(after), "limit", "1000")).json();
            long next = page.get("next_after_id").asLong();
            if (next == after) {
                return after;
            }
            after = next;
        }
    }

    private static Map<String, String> params(String sip, String phone, String order) {
        Map<String, String> params = new HashMap<>();
        params.put("sip", sip);
        params.put("phone", phone);
        params.put("order_id", order);
        params.put("external_key", "bad-" + UUID.randomUUID());
        return params;
    }

    private static Document parseXml(String body) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
