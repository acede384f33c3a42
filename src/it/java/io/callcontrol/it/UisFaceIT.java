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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The UIS face on the real Asterisk: authenticate, then place_calls rings the office number's operator and the
 * visitor in the order first_call asks; the UIS Call API has no method that reads calls back, so each call is read
 * back through the mobileconvert API (order "uis"), with the exact chain of a call placed there.
 */
@ExtendWith(AsteriskTestbed.class)
class UisFaceIT {

    private static final String PASSWORD = "uis-it-password-0123456";
    private static final String OFFICE = "74951234567";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final DaemonOnTestbed DAEMON = new DaemonOnTestbed(Map.of("uis.users", "crm:" + PASSWORD,
            "uis.operators", OFFICE + ":1000", "faces", "mobileconvert,uis"));

    private static JsonNode rpc(String method, String params) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(DAEMON.daemon().base() + "/uis/v1"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"" + method
                        + "\",\"id\":1,\"params\":" + params + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The call ids of order "uis", oldest first, through the mobileconvert API. */
    private static List<Long> uisCalls() throws Exception {
        List<Long> ids = new ArrayList<>();
        DAEMON.daemon().api("orderRecords", Map.of("order_id", "uis")).json().get("calls")
                .forEach(call -> ids.add(call.get("call_id").asLong()));
        return ids;
    }

    private static List<String> chain(long callId) throws Exception {
        JsonNode call = Calls.awaitEnd(DAEMON.daemon(), callId, Duration.ofSeconds(20));
        List<String> statuses = new ArrayList<>();
        call.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        assertThat(call.get("order_id").asText()).as(call.toString()).isEqualTo("uis");
        return statuses;
    }

    @Test
    void callsPlacedThroughTheFaceRingTheMappedOperatorInTheAskedOrderAndEndWithTheExactChain() throws Exception {
        String key = rpc("authenticate", "{\"login\":\"crm\",\"password\":\"" + PASSWORD + "\"}")
                .at("/result/session_key").asText();
        assertThat(key).matches("[0-9a-f]{40}");
        String call = "{\"session_key\":\"" + key + "\",\"first_call\":\"%s\",\"switch_at_once\":true,"
                + "\"is_queue\":false,\"numa\":\"380639920000\",\"numb\":\"74993720692\",\"numc\":\"+" + OFFICE + "\"}";

        JsonNode office = rpc("place_calls", call.formatted("numc"));
        assertThat(office.get("result").asText()).as(office.toString()).isEqualTo("success");
        List<Long> placed = uisCalls();
        assertThat(placed).hasSize(1);
        assertThat(chain(placed.get(0))).containsExactly("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP",
                "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH");

        JsonNode visitor = rpc("place_calls", call.formatted("numa"));
        assertThat(visitor.get("result").asText()).as(visitor.toString()).isEqualTo("success");
        placed = uisCalls();
        assertThat(placed).hasSize(2);
        assertThat(chain(placed.get(1))).containsExactly("CALL", "CLIENT_CALLTO", "CLIENT_PICKUP",
                "OPERATOR_CALLTO", "OPERATOR_PICKUP", "FINISH");
    }

    @Test
    void ringingBothAtOnceIsRefusedAndPlacesNothing() throws Exception {
        String key = rpc("authenticate", "{\"login\":\"crm\",\"password\":\"" + PASSWORD + "\"}")
                .at("/result/session_key").asText();
        int before = uisCalls().size();

        JsonNode any = rpc("place_calls", "{\"session_key\":\"" + key + "\",\"first_call\":\"any\","
                + "\"switch_at_once\":true,\"numa\":\"380639920000\",\"numb\":\"74993720692\",\"numc\":\"" + OFFICE
                + "\"}");

        assertThat(any.at("/error/code").asInt()).as(any.toString()).isEqualTo(-32602);
        assertThat(uisCalls()).hasSize(before);
    }
}
