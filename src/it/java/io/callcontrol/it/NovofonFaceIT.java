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
 * The Novofon face on the real Asterisk: start.employee_call places a real operator-first call, list.calls shows it
 * in the face's shape while both parties talk, release.call ends it, and the chain read back through the
 * mobileconvert API is the exact one of a call placed there.
 */
@ExtendWith(AsteriskTestbed.class)
class NovofonFaceIT {

    private static final String KEY = "novofon-it-key-0123456789";
    private static final String PASSWORD = "novofon-it-password-0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final DaemonOnTestbed DAEMON = new DaemonOnTestbed(Map.of("novofon.keys", "crm:" + KEY, "novofon.users",
            "admin:" + PASSWORD));

    private static JsonNode rpc(String method, String params) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(DAEMON.daemon().base()
                        + "/novofon/v4.0"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":\"it\",\"method\":\""
                        + method + "\",\"params\":" + params + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode listed(String token, long callId) throws Exception {
        for (JsonNode call : rpc("list.calls", "{\"access_token\":\"" + token + "\"}").at("/result/data")) {
            if (call.get("call_session_id").asLong() == callId) {
                return call;
            }
        }
        return null;
    }

    @Test
    void aCallStartedThroughTheFaceIsListedReleasedAndEndsWithTheExactChain() throws Exception {
        String token = rpc("login.user", "{\"login\":\"admin\",\"password\":\"" + PASSWORD + "\"}")
                .at("/result/data/access_token").asText();
        assertThat(token).isNotEmpty();

        JsonNode started = rpc("start.employee_call", "{\"access_token\":\"" + token + "\",\"first_call\":"
                + "\"employee\",\"contact\":\"380639920004\",\"employee\":{\"id\":1000},\"external_id\":\"nv-15\"}");
        long callId = started.at("/result/data/call_session_id").asLong();
        assertThat(callId).as(started.toString()).isPositive();
        assertThat(started.at("/result/metadata/limits/minute_limit").asInt()).isEqualTo(60);

        Calls.awaitStatus(DAEMON.daemon(), callId, "CLIENT_PICKUP", Duration.ofSeconds(20));
        JsonNode listed = listed(KEY, callId);
        assertThat(listed).as("list.calls shows the call while it is talking").isNotNull();
        assertThat(listed.get("status").asText()).isEqualTo("CLIENT_PICKUP");
        assertThat(listed.get("external_id").asText()).isEqualTo("nv-15");
        assertThat(listed.get("start_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(listed.at("/legs/0/type").asText()).isEqualTo("employee");
        assertThat(listed.at("/legs/0/employee_id").asLong()).isEqualTo(1000);
        assertThat(listed.at("/legs/0/state").asText()).isEqualTo("connected");
        assertThat(listed.at("/legs/1/type").asText()).isEqualTo("contact");
        assertThat(listed.at("/legs/1/phone_number").asText()).isEqualTo("380639920004");
        assertThat(listed.at("/legs/1/state").asText()).isEqualTo("connected");

        JsonNode released = rpc("release.call", "{\"access_token\":\"" + token + "\",\"call_session_id\":"
                + callId + "}");
        assertThat(released.at("/result/data").isObject()).as(released.toString()).isTrue();

        JsonNode call = Calls.awaitEnd(DAEMON.daemon(), callId, Duration.ofSeconds(15));
        List<String> statuses = new ArrayList<>();
        call.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        assertThat(statuses).as(call.toString()).containsExactly("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP",
                "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH");
        assertThat(call.get("order_id").asText()).isEqualTo("nv-15");
        assertThat(listed(KEY, callId)).as("an ended call is no longer listed").isNull();
        JsonNode again = rpc("release.call", "{\"access_token\":\"" + KEY + "\",\"call_session_id\":" + callId + "}");
        assertThat(again.at("/error/data/mnemonic").asText()).isEqualTo("call_session_not_found");
    }

    @Test
    void anOfflineOperatorEndsAsOnTheApiAndHoldIsRefusedAsDisabled() throws Exception {
        JsonNode started = rpc("start.employee_call", "{\"access_token\":\"" + KEY + "\",\"first_call\":\"employee\","
                + "\"contact\":\"380639920000\",\"employee\":{\"id\":1003}}");
        long callId = started.at("/result/data/call_session_id").asLong();
        assertThat(callId).as(started.toString()).isPositive();

        JsonNode hold = rpc("hold.call", "{\"access_token\":\"" + KEY + "\",\"call_session_id\":" + callId + "}");

        assertThat(hold.at("/error/code").asInt()).as(hold.toString()).isEqualTo(-32008);
        JsonNode call = Calls.awaitEnd(DAEMON.daemon(), callId, Duration.ofSeconds(15));
        assertThat(call.get("status").asText()).as(call.toString()).isEqualTo("OPERATOR_OFFLINE");
        assertThat(call.get("order_id").asText()).isEqualTo("novofon");
    }
}
