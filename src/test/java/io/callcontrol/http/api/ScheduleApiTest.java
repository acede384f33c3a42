package io.callcontrol.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.FirstParty;
import io.callcontrol.config.Config;
import io.callcontrol.http.ApiClient;
import io.callcontrol.http.HttpApiServer;
import io.callcontrol.http.TestParts;
import io.callcontrol.schedule.CallScheduler;
import io.callcontrol.schedule.StoringDialer;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Database;
import io.callcontrol.storage.ScheduleStore;
import io.callcontrol.storage.SqlHistory;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

/**
 * makeCall's scheduling, scheduledCalls and cancelCall on a real server over a real store, with the scheduler
 * running; the dialer stores calls and sends nothing.
 */
class ScheduleApiTest {

    private static final String CALL = "/api/makeCall.json?sip=1000&phone=380639920001&order_id=o1";

    @TempDir
    Path dir;
    private Database database;
    private CallStore store;
    private StoringDialer dialer;
    private CallScheduler scheduler;
    private HttpApiServer server;
    private ApiClient api;

    @BeforeEach
    void start() throws Exception {
        Config config = Config.from(Map.of("data.dir", dir.toString(), "http.port", "0",
                "recordings.dir", "/nonexistent", "schedule.time.zone", "Europe/Kyiv"));
        database = Database.open(config.storage());
        store = new CallStore(database, Clock.systemUTC());
        SqlHistory history = new SqlHistory(database);
        dialer = new StoringDialer(store);
        scheduler = new CallScheduler(config.schedule(), new ScheduleStore(database, store, Clock.systemUTC()), history,
                dialer, () -> true, Clock.systemUTC());
        scheduler.start();
        server = new TestParts(config.http(), config.recordings()).history(history).dialer(dialer)
                .schedules(scheduler).server();
        api = new ApiClient(server.start());
    }

    @AfterEach
    void stop() {
        server.close();
        scheduler.close();
        store.close();
        database.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "&time_to_call=tomorrow                     | time_to_call | must be Unix seconds or ISO 8601 with an offset",
            "&time_to_call=2030-01-01T10:00:00          | time_to_call | must be Unix seconds or ISO 8601 with an offset",
            "&time_to_call=4102444800                   | time_to_call | is more than 365 days ahead",
            "&time_to_call=1749031200000                | time_to_call | is more than 365 days ahead",
            "&interval=0                                | interval     | entry 1 is '0'",
            "&interval=5,,15                            | interval     | entry 2 is ''",
            "&interval=1,1,1,1,1,1,1,1,1,1,1            | interval     | at most 10 retries",
            "&interval=1441                             | interval     | each 1 to 1440",
            "&hours=9-18                                | hours        | '9-18' is not HHMMHHMM, 0 or -",
            "&hours=09001800,09001800                   | hours        | got 2 entries",
            "&hours=-,-,-,-,-,-,0                       | hours        | every day is closed",
            "&hours=09002500                            | hours        | 2500 is not a closing time",
            "&tz=Mars/Olympus                           | tz           | must be an IANA time zone",
            "&tz=%2B02:00                               | tz           | '+02:00' is not one",
            "&tz=Europe/Kyiv&external_key=schedule:1:1  | external_key | reserved for the attempts of scheduled calls",
            "&external_key=schedule:1:1                 | external_key | reserved for the attempts of scheduled calls",
            "&time_to_call=1&sip=10a0                   | sip          | 1 to 20 digits",
    })
    void badSchedulingIsRefusedNamingTheParameterAndNothingIsStoredOrPlaced(String query, String parameter,
            String message) throws Exception {
        String url = CALL + (query.contains("external_key=") ? "" : "&external_key=k1") + query;
        HttpResponse<byte[]> response = api.get(url.replace("sip=1000&", query.contains("&sip=") ? "" : "sip=1000&"));

        assertThat(response.statusCode()).as(ApiClient.text(response)).isEqualTo(400);
        JsonNode error = ApiClient.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_parameter");
        assertThat(error.get("parameter").asText()).isEqualTo(parameter);
        assertThat(error.get("message").asText()).startsWith(parameter + ": ").contains(message);
        assertThat(list("").get("total").asLong()).isZero();
        assertThat(dialer.placed).isEmpty();
    }

    @Test
    void aScheduledMakeCallAnswersTheStoredScheduleAtOnce() throws Exception {
        long at = Instant.now().plus(Duration.ofDays(2)).getEpochSecond();
        JsonNode made = ok(CALL + "&external_key=k1&time_to_call=" + at + "&interval=5,10"
                + "&hours=09001800,09001800,09001800,09001800,09001800,10001500,-&tz=America/New_York");

        assertThat(made.get("schedule_id").asLong()).isPositive();
        assertThat(made.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(made.get("external_key").asText()).isEqualTo("k1");
        assertThat(made.get("order_id").asText()).isEqualTo("o1");
        assertThat(made.get("attempts_planned").asInt()).isEqualTo(3);
        assertThat(made.get("next_attempt").asInt()).isEqualTo(1);
        assertThat(made.get("interval").asText()).isEqualTo("5,10");
        assertThat(made.get("first").asText()).isEqualTo("operator");
        assertThat(made.get("time_zone").asText()).isEqualTo("America/New_York");
        assertThat(Instant.parse(made.get("time_to_call").asText().replace("+00:00", "Z")).getEpochSecond())
                .isEqualTo(at);
        assertThat(made.get("next_attempt_at").asText()).isNotNull();
        assertThat(made.get("attempts")).isEmpty();
        assertThat(scheduler.byId(made.get("schedule_id").asLong())).as("durable before the answer").isPresent();
        assertThat(dialer.placed).isEmpty();

        HttpResponse<byte[]> xml = api.get(CALL.replace(".json", ".xml") + "&external_key=k2&interval=5"
                + "&time_to_call=" + at);
        Document doc = ApiClient.xml(xml);
        assertThat(ApiClient.xpath(doc, "/response/status")).isEqualTo("SCHEDULED");
        assertThat(ApiClient.xpath(doc, "/response/hours")).isNull();
    }

    @Test
    void aCallDueNowIsPlacedAtOnceAndListedWithItsAttempt() throws Exception {
        long scheduleId = ok(CALL + "&external_key=k1&time_to_call=1700000000&interval=5").get("schedule_id").asLong();

        JsonNode listed = awaitAttempt(scheduleId);
        JsonNode attempt = listed.get("attempts").get(0);
        assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.get("external_key").asText()).isEqualTo("schedule:" + scheduleId + ":1");
        assertThat(attempt.get("status").asText()).isEqualTo("CALL");
        assertThat(listed.get("status").asText()).isEqualTo("CALLING");
        assertThat(listed.get("next_attempt").isNull()).isTrue();
        JsonNode calls = ApiClient.json(api.get("/api/orderRecords.json?order_id=o1")).get("calls");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).get("call_id").asLong()).isEqualTo(attempt.get("call_id").asLong());
    }

    @Test
    void aClientFirstCallCanBeScheduledAndItsAttemptsRingTheClientFirst() throws Exception {
        JsonNode made = ok(CALL + "&external_key=k1&first_call=client&time_to_call=1700000000");
        assertThat(made.get("first").asText()).isEqualTo("client");

        awaitAttempt(made.get("schedule_id").asLong());
        assertThat(dialer.placed).singleElement().extracting(CallRecord::first).isEqualTo(FirstParty.CLIENT);
        assertThat(list("&order_id=o1").get("scheduled_calls").get(0).get("first").asText()).isEqualTo("client");
    }

    @Test
    void anExternalKeyBelongsToOneCallOrOneSchedule() throws Exception {
        ok(CALL + "&external_key=k1&time_to_call=" + Instant.now().plus(Duration.ofDays(1)).getEpochSecond());
        HttpResponse<byte[]> plain = api.get(CALL + "&external_key=k1");
        assertThat(plain.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(plain).at("/error/message").asText())
                .contains("'k1' was already used by scheduled call").contains("no second call was placed");
        HttpResponse<byte[]> again = api.get(CALL + "&external_key=k1&interval=5");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(again).at("/error/code").asText()).isEqualTo("duplicate_external_key");

        ok(CALL + "&external_key=k2");
        HttpResponse<byte[]> scheduled = api.get(CALL + "&external_key=k2&interval=5");
        assertThat(scheduled.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(scheduled).at("/error/message").asText()).contains("was already used by call");
        assertThat(dialer.placed).hasSize(1);
        assertThat(list("").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void scheduledCallsPagesNewestFirstAndFilters() throws Exception {
        long later = Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
        for (int i = 1; i <= 5; i++) {
            ok(CALL.replace("order_id=o1", "order_id=o" + (i % 2)) + "&external_key=k" + i + "&time_to_call=" + later);
        }
        long cancelled = list("&order_id=o1").get("scheduled_calls").get(0).get("schedule_id").asLong();
        ok("/api/cancelCall.json?schedule_id=" + cancelled);

        JsonNode page = list("&per_page=2&page=2");
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("pages").asLong()).isEqualTo(3);
        assertThat(page.get("scheduled_calls")).extracting(n -> n.get("external_key").asText())
                .containsExactly("k3", "k2");
        assertThat(list("&order_id=o1").get("scheduled_calls")).extracting(n -> n.get("external_key").asText())
                .containsExactly("k5", "k3", "k1");
        assertThat(list("&status=cancelled").get("scheduled_calls")).extracting(n -> n.get("schedule_id").asLong())
                .containsExactly(cancelled);
        assertThat(list("&order_id=o0&status=scheduled,calling").get("total").asLong()).isEqualTo(2);
        assertError(api.get("/api/scheduledCalls.json?status=pending"), 400, "status", "'pending' is none of them");
        assertError(api.get("/api/scheduledCalls.json?order_id=a%20b"), 400, "order_id", "must be 1 to 64");
    }

    @Test
    void cancelCallFindsTheScheduleByItsIdItsKeyOrAnAttemptsCall() throws Exception {
        long later = Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
        long byId = ok(CALL + "&external_key=k1&time_to_call=" + later).get("schedule_id").asLong();
        long byKey = ok(CALL + "&external_key=k2&time_to_call=" + later).get("schedule_id").asLong();
        long byCall = ok(CALL + "&external_key=k3&interval=5").get("schedule_id").asLong();
        long callId = awaitAttempt(byCall).get("attempts").get(0).get("call_id").asLong();

        JsonNode first = ok("/api/cancelCall.json?schedule_id=" + byId);
        assertThat(first.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(first.get("detail").asText()).contains("before attempt 1");
        assertThat(ok("/api/cancelCall.json?schedule_id=" + byId)).as("idempotent").isEqualTo(first);
        assertThat(ok("/api/cancelCall.json?external_key=k2").get("schedule_id").asLong()).isEqualTo(byKey);
        JsonNode during = ok("/api/cancelCall.json?call_id=" + callId);
        assertThat(during.get("schedule_id").asLong()).isEqualTo(byCall);
        assertThat(during.get("detail").asText()).contains("during attempt 1 (call " + callId + " goes on)");

        assertError(api.get("/api/cancelCall.json"), 400, "schedule_id", "give exactly one of");
        assertError(api.get("/api/cancelCall.json?schedule_id=1&call_id=2"), 400, "call_id", "give exactly one of");
        assertError(api.get("/api/cancelCall.json?schedule_id=999"), 404, "schedule_id", "no scheduled call has");
        assertError(api.get("/api/cancelCall.json?external_key=nope"), 404, "external_key", "'nope'");
        assertError(api.get("/api/cancelCall.json?schedule_id=x"), 400, "schedule_id", "whole number");
    }

    @Test
    void aCancelAfterTheLastAttemptStartedIsRefusedWithAConflict() throws Exception {
        long scheduleId = ok(CALL + "&external_key=k1&tz=UTC").get("schedule_id").asLong();
        long callId = awaitAttempt(scheduleId).get("attempts").get(0).get("call_id").asLong();

        HttpResponse<byte[]> refused = api.get("/api/cancelCall.json?external_key=k1");
        assertError(refused, 409, "external_key", "the last attempt (1 of 1) of scheduled call " + scheduleId
                + " has started as call " + callId + "; nothing is left to cancel");
        assertThat(ApiClient.json(refused).at("/error/code").asText()).isEqualTo("not_cancellable");
        HttpResponse<byte[]> xml = api.get("/api/cancelCall.xml?external_key=k1");
        assertThat(xml.statusCode()).isEqualTo(409);
        assertThat(ApiClient.xpath(ApiClient.xml(xml), "/response/error/code")).isEqualTo("not_cancellable");
    }

    private JsonNode awaitAttempt(long scheduleId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode item : list("&per_page=500").get("scheduled_calls")) {
                if (item.get("schedule_id").asLong() == scheduleId && !item.get("attempts").isEmpty()) {
                    return item;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("scheduled call " + scheduleId + " was not placed in 10 s: " + list(""));
    }

    private JsonNode list(String query) throws Exception {
        return ok("/api/scheduledCalls.json?x=" + query);
    }

    private JsonNode ok(String url) throws Exception {
        HttpResponse<byte[]> response = api.get(url);
        assertThat(response.statusCode()).as(url + " " + ApiClient.text(response)).isEqualTo(200);
        return ApiClient.json(response);
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String parameter, String message)
            throws Exception {
        assertThat(response.statusCode()).as(ApiClient.text(response)).isEqualTo(status);
        JsonNode error = ApiClient.json(response).get("error");
        assertThat(error.get("parameter").asText()).isEqualTo(parameter);
        assertThat(error.get("message").asText()).contains(message);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
