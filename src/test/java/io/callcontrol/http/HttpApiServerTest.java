package io.callcontrol.http;

import static io.callcontrol.http.ApiClient.json;
import static io.callcontrol.http.ApiClient.pointer;
import static io.callcontrol.http.ApiClient.xml;
import static io.callcontrol.http.ApiClient.xpath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.config.HttpConfig;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.operator.Operator;
import io.callcontrol.operator.OperatorEvent;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.recording.Recording;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/** The API on a real server on port 0, as a CRM sees it, in both encodings. */
class HttpApiServerTest {

    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private static final FakeHistory HISTORY = new FakeHistory();
    private static final FakeDialer DIALER = new FakeDialer();
    private static HttpApiServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        fill(HISTORY);
        server = new TestParts(new HttpConfig("127.0.0.1", 0, "", 1024, 4)).history(HISTORY).dialer(DIALER)
                .zone(ZoneOffset.ofHours(3)).server();
        client = new ApiClient(server.start());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("makeCall?sip=1000&phone=380639920000&order_id=15&external_key=k-{enc}", Map.of(
                        "/status", "CALL", "/order_id", "15", "/external_key", "k-{enc}", "/sip", "1000",
                        "/phone", "380639920000")),
                Arguments.of("recordList?page=2&per_page=1", Map.of(
                        "/page", "2", "/per_page", "1", "/total", "2", "/pages", "2",
                        "/records/0/id", "5", "/records/0/url", "{base}/recordings/5.wav",
                        "/records/0/file", "2024/05/15-42.wav", "/records/0/size_bytes", "48000",
                        "/records/0/duration_ms", "3000", "/records/0/created_at", "2024-05-01T12:01:00.000+03:00")),
                Arguments.of("recordList?per_page=1", Map.of(
                        "/page", "1", "/total", "2", "/pages", "2", "/records/0/id", "6", "/next_before_id", "6")),
                Arguments.of("recordList?before_id=6&per_page=1", Map.of(
                        "/page", "null", "/per_page", "1", "/total", "2", "/pages", "2", "/records/0/id", "5",
                        "/next_before_id", "5")),
                Arguments.of("recordList?before_id=5", Map.of(
                        "/page", "null", "/total", "2", "/next_before_id", "null")),
                Arguments.of("orderRecords?order_id=15", Map.of(
                        "/order_id", "15", "/calls/0/call_id", "42", "/calls/0/external_key", "24",
                        "/calls/0/status", "FINISH", "/calls/0/ended_at", "2024-05-01T12:01:00.000+03:00",
                        "/calls/0/records/0/url", "{base}/recordings/5.wav", "/calls/1/call_id", "43",
                        "/calls/1/created_at", "2024-05-01T12:02:00.000+03:00", "/calls/1/ended_at", "null")),
                Arguments.of("orderHistory?order_id=15", Map.of(
                        "/order_id", "15", "/history/0/id", "1", "/history/0/status", "CALL",
                        "/history/0/detail", "null", "/history/2/call_id", "43", "/history/3/detail", "Cause: 16",
                        "/history/3/time", "2024-05-01T12:01:00.000+03:00")),
                Arguments.of("orderHistory?order_id=15&group_by_call=1", Map.of(
                        "/calls/0/call_id", "42", "/calls/0/history/2/status", "FINISH",
                        "/calls/1/call_id", "43", "/calls/1/history/1/status", "CLIENT_CALLTO")),
                Arguments.of("callHistory?call_id=42", Map.of(
                        "/call_id", "42", "/order_id", "15", "/status", "FINISH",
                        "/history/1/status", "OPERATOR_CALLTO")),
                Arguments.of("callHistory?after_id=2&limit=2", Map.of(
                        "/after_id", "2", "/next_after_id", "4", "/history/0/id", "3", "/history/1/id", "4")),
                Arguments.of("callHistory?after_id=6", Map.of("/after_id", "6", "/next_after_id", "6")),
                Arguments.of("sipList?status=offline,inuse", Map.of(
                        "/total", "2", "/pages", "1", "/operators/0/sip", "1001", "/operators/0/status", "offline",
                        "/operators/0/device_state", "UNAVAILABLE", "/operators/1/status", "inuse",
                        "/operators/0/since", "2024-05-01T12:00:06.000+03:00")),
                Arguments.of("operatorHistory?sip=1000", Map.of(
                        "/total", "2", "/history/0/id", "2", "/history/0/sip", "1000", "/history/0/status", "online",
                        "/history/0/device_state", "NOT_INUSE", "/history/0/time", "2024-05-01T12:00:05.000+03:00")),
                Arguments.of("operatorHistory?per_page=2", Map.of(
                        "/page", "1", "/total", "3", "/history/1/id", "2", "/next_before_id", "2")),
                Arguments.of("operatorHistory?sip=1000&before_id=2", Map.of(
                        "/page", "null", "/total", "2", "/history/0/id", "1", "/history/0/status", "offline",
                        "/next_before_id", "null")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyMethodAnswersTheSameInJsonAndXml(String query, Map<String, String> expected) throws Exception {
        String[] parts = query.split("\\?", 2);
        HttpResponse<byte[]> asJson = client.get("/api/" + parts[0] + ".json?" + parts[1].replace("{enc}", "json"));
        HttpResponse<byte[]> asXml = client.get("/api/" + parts[0] + ".xml?" + parts[1].replace("{enc}", "xml"));

        assertThat(asJson.statusCode()).as(ApiClient.text(asJson)).isEqualTo(200);
        assertThat(asXml.statusCode()).as(ApiClient.text(asXml)).isEqualTo(200);
        assertThat(asJson.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(asXml.headers().firstValue("Content-Type")).hasValue("application/xml; charset=UTF-8");
        JsonNode node = json(asJson);
        Document document = xml(asXml);
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("response");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String want = e.getValue().equals("null") ? null : e.getValue().replace("{base}", client.base());
            assertThat(pointer(node, e.getKey())).as("JSON " + e.getKey())
                    .isEqualTo(want == null ? null : want.replace("{enc}", "json"));
            assertThat(xpath(document, toXpath(e.getKey()))).as("XML " + e.getKey())
                    .isEqualTo(want == null ? null : want.replace("{enc}", "xml"));
        }
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("recordList?page=0", 400, "invalid_parameter", "page"),
                Arguments.of("recordList?page=abc", 400, "invalid_parameter", "page"),
                Arguments.of("recordList?per_page=501", 400, "invalid_parameter", "per_page"),
                Arguments.of("recordList?page=1&page=2", 400, "invalid_parameter", "page"),
                Arguments.of("recordList?before_id=0", 400, "invalid_parameter", "before_id"),
                Arguments.of("recordList?page=1&before_id=5", 400, "invalid_parameter", "before_id"),
                Arguments.of("operatorHistory?before_id=-3", 400, "invalid_parameter", "before_id"),
                Arguments.of("sipList?status=online,away", 400, "invalid_parameter", "status"),
                Arguments.of("orderRecords", 400, "invalid_parameter", "order_id"),
                Arguments.of("orderHistory?order_id=a/b", 400, "invalid_parameter", "order_id"),
                Arguments.of("orderHistory?order_id=15&group_by_call=2", 400, "invalid_parameter", "group_by_call"),
                Arguments.of("callHistory?call_id=0", 400, "invalid_parameter", "call_id"),
                Arguments.of("callHistory?call_id=99999999999999999999", 400, "invalid_parameter", "call_id"),
                Arguments.of("callHistory?call_id=999", 404, "not_found", "call_id"),
                Arguments.of("callHistory?limit=1001", 400, "invalid_parameter", "limit"),
                Arguments.of("orderHistory?order_id=15&limit=1001", 400, "invalid_parameter", "limit"),
                Arguments.of("orderHistory?order_id=15&after_id=-1", 400, "invalid_parameter", "after_id"),
                Arguments.of("orderRecords?order_id=15&limit=501", 400, "invalid_parameter", "limit"),
                Arguments.of("operatorHistory?sip=10a", 400, "invalid_parameter", "sip"),
                Arguments.of("makeCall?sip=1000&phone=123;456&order_id=1&external_key=x1", 400,
                        "invalid_parameter", "phone"),
                Arguments.of("makeCall?sip=1000%0D%0AAction:%20Hangup&phone=380639920000&order_id=1&external_key=x2",
                        400, "invalid_parameter", "sip"),
                Arguments.of("makeCall?sip=1000&phone=380639920000&order_id=1", 400, "invalid_parameter",
                        "external_key"),
                Arguments.of("makeCall?sip=1000&phone=380639920000&order_id=1&external_key=f1&first=both", 400,
                        "invalid_parameter", "first"),
                Arguments.of("makeCall?sip=1000&phone=380639920000&order_id=1&external_key=f2&first=client"
                        + "&first_call=operator", 400, "invalid_parameter", "first"),
                Arguments.of("dropTables", 404, "unknown_method", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void errorsNameTheParameterInBothEncodings(String query, int status, String code, String parameter)
            throws Exception {
        String[] parts = (query.contains("?") ? query : query + "?").split("\\?", 2);
        int placed = DIALER.placed.size();
        HttpResponse<byte[]> asJson = client.get("/api/" + parts[0] + ".json?" + parts[1]);
        HttpResponse<byte[]> asXml = client.get("/api/" + parts[0] + ".xml?" + parts[1]);

        assertThat(asJson.statusCode()).isEqualTo(status);
        assertThat(asXml.statusCode()).isEqualTo(status);
        JsonNode error = json(asJson).at("/error");
        assertThat(error.at("/code").asText()).isEqualTo(code);
        assertThat(error.at("/message").asText()).startsWith(parameter == null ? "unknown method" : parameter + ": ");
        assertThat(error.has("parameter") ? error.get("parameter").asText() : null).isEqualTo(parameter);
        Document document = xml(asXml);
        assertThat(xpath(document, "/response/error/code")).isEqualTo(code);
        assertThat(xpath(document, "/response/error/message")).isEqualTo(error.at("/message").asText());
        assertThat(DIALER.placed).as("nothing reaches Asterisk").hasSize(placed);
    }

    @Test
    void anOrderWithinTheCapHasNoContinuationFields() throws Exception {
        for (String query : new String[] {"orderHistory.json?order_id=15", "orderRecords.json?order_id=15",
            "orderHistory.json?order_id=15&group_by_call=1&limit=5"}) {
            JsonNode answer = json(client.get("/api/" + query));
            assertThat(answer.has("has_more")).as(query).isFalse();
            assertThat(answer.has("next_after_id")).as(query).isFalse();
        }
    }

    @Test
    void anOrderLongerThanTheLimitComesInPagesThatSayThereIsMore() throws Exception {
        JsonNode first = json(client.get("/api/orderHistory.json?order_id=15&limit=2"));
        assertThat(first.at("/history").findValuesAsText("id")).containsExactly("1", "2");
        assertThat(first.at("/has_more").asBoolean()).isTrue();
        assertThat(first.at("/next_after_id").asLong()).isEqualTo(2);
        JsonNode second = json(client.get("/api/orderHistory.json?order_id=15&limit=2&after_id=2"));
        assertThat(second.at("/history").findValuesAsText("id")).containsExactly("3", "4");
        assertThat(second.at("/next_after_id").asLong()).isEqualTo(4);
        JsonNode last = json(client.get("/api/orderHistory.json?order_id=15&limit=2&after_id=4"));
        assertThat(last.at("/history").findValuesAsText("id")).containsExactly("6");
        assertThat(last.has("has_more")).isFalse();

        // grouped pages are cut by events: call 42 goes on in the second page
        JsonNode grouped = json(client.get("/api/orderHistory.json?order_id=15&group_by_call=1&limit=3"));
        assertThat(grouped.at("/calls/0/call_id").asLong()).isEqualTo(42);
        assertThat(grouped.at("/calls/1/call_id").asLong()).isEqualTo(43);
        assertThat(grouped.at("/calls").size()).isEqualTo(2);
        assertThat(grouped.at("/calls/0/history").findValuesAsText("id")).containsExactly("1", "2");
        assertThat(grouped.at("/next_after_id").asLong()).isEqualTo(3);
        JsonNode rest = json(client.get("/api/orderHistory.json?order_id=15&group_by_call=1&limit=3&after_id=3"));
        assertThat(rest.at("/calls/0/call_id").asLong()).isEqualTo(42);
        assertThat(rest.at("/calls/0/history").findValuesAsText("id")).containsExactly("4");
        assertThat(rest.has("has_more")).isFalse();

        JsonNode calls = json(client.get("/api/orderRecords.json?order_id=15&limit=1"));
        assertThat(calls.at("/calls").size()).isEqualTo(1);
        assertThat(calls.at("/calls/0/call_id").asLong()).isEqualTo(42);
        assertThat(calls.at("/calls/0/records/0/id").asLong()).isEqualTo(5);
        assertThat(calls.at("/has_more").asBoolean()).isTrue();
        assertThat(calls.at("/next_after_id").asLong()).isEqualTo(42);
        JsonNode more = json(client.get("/api/orderRecords.json?order_id=15&limit=1&after_id=42"));
        assertThat(more.at("/calls").size()).isEqualTo(1);
        assertThat(more.at("/calls/0/call_id").asLong()).isEqualTo(43);
        assertThat(more.has("has_more")).isFalse();
    }

    @Test
    void pageErrorMessageSaysWhy() throws Exception {
        assertThat(json(client.get("/api/recordList.json?page=0")).at("/error/message").asText())
                .isEqualTo("page: must be a whole number >= 1");
    }

    @Test
    void repeatedExternalKeyIs409AndPlacesNoSecondCall() throws Exception {
        String query = "/api/makeCall.json?sip=1000&phone=380639920000&order_id=15&external_key=dup-1";
        assertThat(client.get(query).statusCode()).isEqualTo(200);
        int placed = DIALER.placed.size();

        HttpResponse<byte[]> again = client.get(query);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).at("/error/code").asText()).isEqualTo("duplicate_external_key");
        assertThat(json(again).at("/error/parameter").asText()).isEqualTo("external_key");
        assertThat(DIALER.placed).hasSize(placed);
    }

    @ParameterizedTest
    @CsvSource({"first=client, CLIENT", "first_call=CLIENT, CLIENT", "first=operator, OPERATOR", "first=, OPERATOR",
            "order_note=x, OPERATOR"})
    void makeCallRingsTheFirstPartyAsked(String parameter, FirstParty expected) throws Exception {
        HttpResponse<byte[]> made = client.get("/api/makeCall.json?sip=1000&phone=380639920000&order_id=15"
                + "&external_key=first-" + UUID.randomUUID() + "&" + parameter);

        assertThat(made.statusCode()).as(ApiClient.text(made)).isEqualTo(200);
        assertThat(json(made).at("/first").asText()).isEqualTo(expected.apiName());
        assertThat(DIALER.placed.get(DIALER.placed.size() - 1).first()).isEqualTo(expected);
    }

    @Test
    void releaseCallAnswersWhereTheCallStood() throws Exception {
        long callId = json(client.get("/api/makeCall.json?sip=1000&phone=380639920000&order_id=15&external_key=rel-1"))
                .at("/call_id").asLong();

        HttpResponse<byte[]> released = client.get("/api/releaseCall.json?call_id=" + callId);

        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(json(released).at("/call_id").asLong()).isEqualTo(callId);
        assertThat(json(released).at("/status").asText()).isEqualTo("CALL");
        assertThat(json(released).at("/released").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"9000, 409, call_ended, call 9000 has ended already, with OPERATOR_NOANSWER", "999, 404, not_found, there is no call 999",
            "x, 400, invalid_parameter, whole number", "0, 400, invalid_parameter, whole number"})
    void releaseCallOfNoCallInProgressSaysWhy(String callId, int status, String code, String message) throws Exception {
        HttpResponse<byte[]> response = client.get("/api/releaseCall.xml?call_id=" + callId);

        assertThat(response.statusCode()).isEqualTo(status);
        Document body = xml(response);
        assertThat(xpath(body, "/response/error/code")).isEqualTo(code);
        assertThat(xpath(body, "/response/error/parameter")).isEqualTo("call_id");
        assertThat(xpath(body, "/response/error/message")).contains(message);
    }

    @ParameterizedTest
    @EnumSource(value = CallRefusedException.Reason.class, names = {"ASTERISK_UNAVAILABLE", "STORE_UNAVAILABLE",
            "ORIGINATE_FAILED"})
    void refusedCallsMapToTheirStatus(CallRefusedException.Reason reason) throws Exception {
        DIALER.refuseWith = reason;
        try {
            HttpResponse<byte[]> response = client.get(
                    "/api/makeCall.xml?sip=1000&phone=380639920000&order_id=15&external_key=r-" + reason);

            int status = reason == CallRefusedException.Reason.ORIGINATE_FAILED ? 502 : 503;
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(xpath(xml(response), "/response/error/code")).isEqualTo(reason.name().toLowerCase());
        } finally {
            DIALER.refuseWith = null;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"recordList.json?page=1&per_page=1", "sipList.xml?status=offline,inuse",
            "orderHistory.json?order_id=15&group_by_call=1", "callHistory.xml?after_id=1&limit=3",
            "operatorHistory.json?sip=1000"})
    void postFormAnswersLikeGet(String query) throws Exception {
        String[] parts = query.split("\\?", 2);

        HttpResponse<byte[]> get = client.get("/api/" + query);
        HttpResponse<byte[]> post = client.postForm("/api/" + parts[0], parts[1]);

        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(ApiClient.text(post)).isEqualTo(ApiClient.text(get));
    }

    @Test
    void postMergesQueryAndForm() throws Exception {
        HttpResponse<byte[]> post = client.postForm("/api/orderHistory.json?order_id=15", "group_by_call=1");
        HttpResponse<byte[]> conflict = client.postForm("/api/orderHistory.json?order_id=15", "order_id=16");

        assertThat(ApiClient.text(post)).isEqualTo(ApiClient.text(client.get(
                "/api/orderHistory.json?order_id=15&group_by_call=1")));
        assertThat(conflict.statusCode()).isEqualTo(400);
        assertThat(json(conflict).at("/error/parameter").asText()).isEqualTo("order_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RecordsList", "recordsList", "recordslist", "RECORDLIST", "record_list", "RecordList"})
    void aliasesAndCaseReachTheSameMethod(String name) throws Exception {
        assertThat(ApiClient.text(client.get("/api/" + name + ".json")))
                .isEqualTo(ApiClient.text(client.get("/api/recordList.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"OrderRecords.json?order_id=15", "orderrecords.xml?order_id=15",
            "OrderHistory.json?order_id=15", "CallHistory.json", "SipList.xml", "siplist.json", "OperatorHistory.xml",
            "MakeCall.xml?sip=1000&phone=380639920000&order_id=15&external_key=alias-1"})
    void historicalSpellingsAnswer(String query) throws Exception {
        assertThat(client.get("/api/" + query).statusCode()).isEqualTo(200);
    }

    @Test
    void otherHttpMethodsAre405WithAllow() throws Exception {
        HttpResponse<byte[]> response = client.method("DELETE", "/api/sipList.xml");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(xpath(xml(response), "/response/error/code")).isEqualTo("method_not_allowed");
    }

    @Test
    void tooLargeBodyIs413() throws Exception {
        HttpResponse<byte[]> response = client.postForm("/api/sipList.json", "status=" + "x".repeat(2000));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void unknownEncodingAndPathAre404() throws Exception {
        HttpResponse<byte[]> html = client.get("/api/recordList.html");
        HttpResponse<byte[]> unknown = client.get("/nothing-here");

        assertThat(html.statusCode()).isEqualTo(404);
        assertThat(json(html).at("/error/message").asText()).contains(".json, .xml");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void theRootLeadsToTheDashboard() throws Exception {
        HttpResponse<byte[]> root = client.get("/");

        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).hasValue("/dashboard");
    }

    @Test
    void everyPartIsRequired() {
        HttpApiServer.Parts parts = new TestParts(new HttpConfig("127.0.0.1", 0, "", 1024, 2)).build();

        assertThatThrownBy(() -> new HttpApiServer.Parts(parts.http(), parts.recordings(), parts.history(),
                parts.dialer(), null, parts.stats(), parts.health(), parts.metrics(), parts.feed(), parts.webhooks(), parts.zone(),
                parts.clock(), parts.faces(), parts.dashboard(), parts.control())).isInstanceOf(NullPointerException.class).hasMessage("schedules");
    }

    @Test
    void closeIsIdempotentAndStopsEveryThreadItStarted() throws Exception {
        HttpApiServer other = new TestParts(new HttpConfig("127.0.0.1", 0, "", 1024, 2)).server();
        var before = Thread.getAllStackTraces().keySet();
        assertThat(new ApiClient(other.start()).get("/api/sipList.json").statusCode()).isEqualTo(200);
        var started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("http-"))
                .toList();

        other.close();
        other.close();

        assertThat(started).extracting(Thread::getName)
                .anyMatch(n -> n.startsWith("http-worker"))
                .anyMatch(n -> n.startsWith("http-io"))
                .anyMatch(n -> n.startsWith("http-accept"));
        // an event loop's termination future completes as its loop ends, a moment before its thread does
        for (Thread thread : started) {
            thread.join(2_000);
        }
        assertThat(started).noneMatch(Thread::isAlive);
    }

    /** {@code /records/0/url} in JSON is {@code /response/records/record[1]/url} in XML. */
    private static String toXpath(String pointer) {
        Map<String, String> items = Map.of("records", "record", "calls", "call", "history", "event",
                "operators", "operator");
        Matcher m = Pattern.compile("/([a-z_]+)/([0-9]+)").matcher(pointer);
        StringBuilder xpath = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(xpath, "/" + m.group(1) + "/" + items.get(m.group(1))
                    + "[" + (Integer.parseInt(m.group(2)) + 1) + "]");
        }
        m.appendTail(xpath);
        return "/response" + xpath;
    }

    private static void fill(FakeHistory h) {
        h.calls.add(new CallRecord(42, "15", "24", "1000", "380639920000", FirstParty.OPERATOR,
                "c42", CallStatus.FINISH, T0, T0.plusSeconds(60)));
        h.calls.add(new CallRecord(43, "15", "25", "1001", "380500000000", FirstParty.OPERATOR,
                "c43", CallStatus.CLIENT_CALLTO, T0.plusSeconds(120), null));
        h.calls.add(new CallRecord(44, "16", "26", "1000", "380500000001", FirstParty.OPERATOR,
                "c44", CallStatus.OPERATOR_BUSY, T0.plusSeconds(130), T0.plusSeconds(140)));
        // far from the ids the fake dialer gives
        h.calls.add(new CallRecord(9000, "90", "90", "1000", "380500000090", FirstParty.OPERATOR,
                "c9000", CallStatus.OPERATOR_NOANSWER,
                T0.plusSeconds(150), T0.plusSeconds(180)));
        h.events.add(new StatusEvent(1, 42, "15", CallStatus.CALL, T0, null));
        h.events.add(new StatusEvent(2, 42, "15", CallStatus.OPERATOR_CALLTO, T0.plusSeconds(1), null));
        h.events.add(new StatusEvent(3, 43, "15", CallStatus.CALL, T0.plusSeconds(120), null));
        h.events.add(new StatusEvent(4, 42, "15", CallStatus.FINISH, T0.plusSeconds(60), "Cause: 16"));
        h.events.add(new StatusEvent(5, 44, "16", CallStatus.CALL, T0.plusSeconds(130), null));
        h.events.add(new StatusEvent(6, 43, "15", CallStatus.CLIENT_CALLTO, T0.plusSeconds(125), null));
        h.recordings.add(new Recording(5, 42, "15", "2024/05/15-42.wav", 48_000, 3_000, T0.plusSeconds(60)));
        h.recordings.add(new Recording(6, 44, "16", "16-44.gsm", 1_650, 1_000, T0.plusSeconds(140)));
        h.operators.add(new Operator("1000", OperatorStatus.ONLINE, "NOT_INUSE", T0.plusSeconds(5)));
        h.operators.add(new Operator("1001", OperatorStatus.OFFLINE, "UNAVAILABLE", T0.plusSeconds(6)));
        h.operators.add(new Operator("1002", OperatorStatus.INUSE, "INUSE", T0.plusSeconds(7)));
        h.operatorEvents.add(new OperatorEvent(1, "1000", OperatorStatus.OFFLINE, "UNAVAILABLE", T0));
        h.operatorEvents.add(new OperatorEvent(2, "1000", OperatorStatus.ONLINE, "NOT_INUSE", T0.plusSeconds(5)));
        h.operatorEvents.add(new OperatorEvent(3, "1001", OperatorStatus.OFFLINE, "UNAVAILABLE", T0.plusSeconds(6)));
    }
}
