package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callcontrol.testbed.AsteriskTestbed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CallKeeper face on the real Asterisk: makeCalls orders two calls in one request (PHP brackets), the scheduler
 * places them (the first at once, to office 0; the second a few seconds ahead, to a manager of the table), and each
 * is read back through the face (getCallInfo, getCallsCompleted) and through the mobileconvert API with the exact
 * chain of a call placed there.
 */
@ExtendWith(AsteriskTestbed.class)
class CallkeeperFaceIT {

    private static final String APIAK = "ck-it-apiak-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final DaemonOnTestbed DAEMON = new DaemonOnTestbed(Map.of("callkeeper.keys", "crm:" + APIAK,
            "callkeeper.offices", "1000", "callkeeper.managers", "74951234567:1000",
            "faces", "mobileconvert,callkeeper"));

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(DAEMON.daemon().base() + "/callkeeper/" + pathAndQuery))
                .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Polls getCallInfo until the call has ended (a pair other than in progress or scheduled); returns it. */
    private static JsonNode awaitEnded(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        JsonNode info = null;
        while (System.nanoTime() < deadline) {
            info = ok("getCallInfo?api_key=" + APIAK + "&id_call=" + id);
            int code = info.get("status_code").asInt();
            if (code != 1 && code != 2) {
                return info;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("CallKeeper call " + id + " did not end: " + info);
    }

    private static List<String> chain(long callId) throws Exception {
        JsonNode call = Calls.awaitEnd(DAEMON.daemon(), callId, Duration.ofSeconds(20));
        assertThat(call.get("order_id").asText()).as(call.toString()).isEqualTo("callkeeper");
        List<String> statuses = new ArrayList<>();
        call.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        return statuses;
    }

    @Test
    void twoCallsOrderedInOneRequestArePlacedReadBackThroughTheFaceAndEndWithTheExactChain() throws Exception {
        long ahead = Instant.now().plusSeconds(3).getEpochSecond();
        JsonNode ordered = ok("makeCalls?unique=it&apiak=" + APIAK + "&whash=w&utc=UTC%2B03:00"
                + "&calls%5B0%5D%5Bclient%5D=%2B38(063)992-0000"
                + "&calls%5B1%5D%5Bclient%5D=380639920000&calls%5B1%5D%5Bmanager%5D=%2B7(495)123-45-67"
                + "&calls%5B1%5D%5Btime_to_call%5D=" + ahead);
        assertThat(ordered).as(ordered.toString()).hasSize(2);
        assertThat(ordered.get(0).get("status").asText()).isEqualTo("success");
        assertThat(ordered.get(1).get("status").asText()).isEqualTo("success");
        assertThat(ordered.get(1).get("manager").asText()).isEqualTo("1000");

        JsonNode first = awaitEnded(ordered.get(0).get("id").asText());
        JsonNode second = awaitEnded(ordered.get(1).get("id").asText());

        for (JsonNode info : List.of(first, second)) {
            assertThat(info.get("status_code").asInt()).as(info.toString()).isEqualTo(200);
            assertThat(info.get("status2_code").asInt()).isEqualTo(200);
            assertThat(info.get("phone1").asText()).isEqualTo("1000");
            assertThat(info.get("phone2").asText()).isEqualTo("380639920000");
            assertThat(chain(info.get("call_id").asLong())).containsExactly("CALL", "OPERATOR_CALLTO",
                    "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH");
        }
        assertThat(Instant.parse(second.get("date").asText().replace(' ', 'T') + "Z").getEpochSecond())
                .isGreaterThanOrEqualTo(ahead);
        JsonNode completed = ok("getCallsCompleted?api_key=" + APIAK + "&date");
        List<String> ids = new ArrayList<>();
        completed.forEach(call -> ids.add(call.get("id").asText()));
        assertThat(ids).contains(ordered.get(0).get("id").asText(), ordered.get(1).get("id").asText());
    }

    @Test
    void aWrongKeyIsTheContractsRefusalAndOrdersNothing() throws Exception {
        HttpResponse<String> refused = get("orderCall?unique=it&apiak=wrong-apiak-0123456789&whash=w"
                + "&client=380639920000");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("reason").asText()).isEqualTo("Not the correct key api");
    }
}
