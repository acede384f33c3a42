package io.callcontrol.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallStatus;
import io.callcontrol.stats.Tally;
import io.callcontrol.stats.TallyStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * callStats over HTTP on a real server: the same figures as JSON, XML and CSV, and every bad parameter refused with
 * invalid_parameter naming it, before the store is asked. The tallies come from a fixed store (CallStatsStoreTest
 * holds the real store's to generated calls).
 */
class CallStatsApiTest {

    /** 2026-12-07T09:00Z, 09:15Z (Europe/Kyiv: 11:00, 11:15) */
    private static final long NINE = Instant.parse("2026-12-07T09:00:00Z").toEpochMilli() / 900_000;
    private static final String RANGE = "from=2026-12-07&to=2026-12-07&tz=Europe/Kyiv";

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final TallyStore store = (sip, from, until, span) -> {
        asked.add(sip + " " + from + ".." + until + " by " + span);
        return new TallyStore.Tallies(List.of(
                new TallyStore.QuarterTally(NINE, CallStatus.FINISH, new Tally(3, 3, 6_000, 3, 90_000)),
                new TallyStore.QuarterTally(NINE + 1, CallStatus.OPERATOR_NOANSWER, new Tally(1, 1, 30_000, 0, 0))),
                List.of(new TallyStore.OperatorTally("1000", CallStatus.FINISH, new Tally(3, 3, 6_000, 3, 90_000)),
                        new TallyStore.OperatorTally("1001", CallStatus.OPERATOR_NOANSWER,
                                new Tally(1, 1, 30_000, 0, 0))));
    };

    @Test
    void jsonHasTheFiguresByOperatorDayAndHour() throws Exception {
        try (TestServers.Running server = start()) {
            HttpResponse<byte[]> response = server.client().get("/api/callStats.json?" + RANGE);

            assertThat(response.statusCode()).as(ApiClient.text(response)).isEqualTo(200);
            JsonNode body = ApiClient.json(response);
            assertThat(body.get("time_zone").asText()).isEqualTo("Europe/Kyiv");
            assertThat(body.at("/totals/calls").asLong()).isEqualTo(4);
            assertThat(body.at("/totals/answered").asLong()).isEqualTo(3);
            assertThat(body.at("/totals/answer_rate").asDouble()).isEqualTo(0.75);
            assertThat(body.at("/totals/avg_ring_ms").asLong()).isEqualTo(9_000); // (6000 + 30000) / 4
            assertThat(body.at("/totals/avg_talk_ms").asLong()).isEqualTo(30_000);
            assertThat(body.at("/totals/statuses/FINISH").asLong()).isEqualTo(3);
            assertThat(body.at("/totals/statuses/CLIENT_BUSY").asLong()).isZero();
            assertThat(body.at("/by_operator/1/sip").asText()).isEqualTo("1001");
            assertThat(body.at("/by_day/0/date").asText()).isEqualTo("2026-12-07");
            assertThat(body.get("by_hour")).hasSize(1);
            assertThat(body.at("/by_hour/0/hour").asText()).isEqualTo("2026-12-07T11:00:00+02:00");
            // the local day 2026-12-07 in Kyiv is 2026-12-06T22:00Z .. 2026-12-07T22:00Z
            long from = Instant.parse("2026-12-06T22:00:00Z").toEpochMilli() / 900_000;
            assertThat(asked).containsExactly("null " + from + ".." + (from + 96) + " by 4");
        }
    }

    @Test
    void xmlAndCsvCarryTheSameFigures() throws Exception {
        try (TestServers.Running server = start()) {
            Document xml = ApiClient.xml(server.client().get("/api/callStats.xml?" + RANGE + "&sip=1000"));
            HttpResponse<byte[]> csv = server.client().get("/api/callStats.csv?" + RANGE);

            assertThat(ApiClient.xpath(xml, "/response/totals/answer_rate")).isEqualTo("0.75");
            assertThat(ApiClient.xpath(xml, "/response/sip")).isEqualTo("1000");
            assertThat(ApiClient.xpath(xml, "/response/by_operator/operator[2]/statuses/OPERATOR_NOANSWER"))
                    .isEqualTo("1");
            assertThat(ApiClient.xpath(xml, "/response/by_hour/hour/hour")).isEqualTo("2026-12-07T11:00:00+02:00");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=UTF-8; header=present");
            List<String> lines = List.of(new String(csv.body(), StandardCharsets.UTF_8).split("\r\n"));
            assertThat(lines).containsExactly(
                    "group,key,calls,answered,answer_rate,avg_ring_ms,avg_talk_ms,OPERATOR_NOANSWER,OPERATOR_BUSY,"
                            + "OPERATOR_OFFLINE,CLIENT_NOANSWER,CLIENT_BUSY,CLIENT_CANCEL,ERROR,FINISH",
                    "total,2026-12-07..2026-12-07,4,3,0.75,9000,30000,1,0,0,0,0,0,0,3",
                    "operator,1000,3,3,1.0,2000,30000,0,0,0,0,0,0,0,3",
                    "operator,1001,1,0,0.0,30000,,1,0,0,0,0,0,0,0",
                    "day,2026-12-07,4,3,0.75,9000,30000,1,0,0,0,0,0,0,3",
                    "hour,2026-12-07T11:00:00+02:00,4,3,0.75,9000,30000,1,0,0,0,0,0,0,3");
        }
    }

    @Test
    void badParametersAreRefusedNamingTheParameterAndTheStoreIsNotAsked() throws Exception {
        Map<String, String> refused = Map.of(
                "from=2026-12-07&to=2026-12-07&tz=Mars/Olympus", "tz",
                "from=2026-12-07&to=2026-12-07&tz=%2B02:00", "tz",
                "from=2026-12-08&to=2026-12-07", "to",
                "from=2025-01-01&to=2026-01-02", "to",
                "from=2026-12-07&to=2026-12-07&sip=10a0", "sip",
                "to=2026-12-07", "from",
                "from=07.12.2026&to=2026-12-07", "from",
                "from=2026-02-30&to=2026-03-01", "from");
        try (TestServers.Running server = start()) {
            for (Map.Entry<String, String> bad : refused.entrySet()) {
                for (String format : List.of("json", "csv")) { // a CSV request's error is JSON too
                    HttpResponse<byte[]> response = server.client().get("/api/callStats." + format + "?" + bad.getKey());
                    assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
                    JsonNode error = ApiClient.json(response).get("error");
                    assertThat(error.get("code").asText()).isEqualTo("invalid_parameter");
                    assertThat(error.get("parameter").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
                    assertThat(error.get("message").asText()).startsWith(bad.getValue() + ": ");
                }
            }
            HttpResponse<byte[]> year = server.client().get("/api/callStats.json?from=2024-01-01&to=2024-12-31");
            assertThat(year.statusCode()).as("366 days, a leap year").isEqualTo(200);
        }
        assertThat(asked).hasSize(1);
    }

    @Test
    void aMethodWhoseAnswerIsNotATableIsRefusedAsCsvBeforeItRuns() throws Exception {
        FakeDialer dialer = new FakeDialer();
        try (TestServers.Running server = TestServers.start(Map.of(), new FakeHistory(), dialer, Clock.systemUTC())) {
            HttpResponse<byte[]> response = server.client().get(
                    "/api/makeCall.csv?sip=1000&phone=380501112233&order_id=1&external_key=csv-1");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(ApiClient.json(response).at("/error/code").asText()).isEqualTo("not_found");
            assertThat(dialer.placed).isEmpty();
        }
    }

    private TestServers.Running start() throws Exception {
        return TestServers.start(Map.of(), server -> server.stats(store));
    }
}
