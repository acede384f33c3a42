package io.callcontrol.http.dashboard;

import static io.callcontrol.http.ApiClient.json;
import static io.callcontrol.http.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.http.ApiClient;
import io.callcontrol.http.FakeDialer;
import io.callcontrol.http.FakeHistory;
import io.callcontrol.http.TestServers;
import io.callcontrol.operator.Operator;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.recording.Recording;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard on a real server (port 0): its pages and snapshot, open without keys, behind a login with them. */
class DashboardServerTest {

    private static final String SECRET = "A1b2C3d4E5f6G7h8-sup";
    private static final Instant T = Instant.parse("2026-12-07T09:00:00Z");

    private static FakeHistory history() {
        FakeHistory history = new FakeHistory();
        history.operators.add(new Operator("1000", OperatorStatus.INUSE, "INUSE", T));
        history.calls.add(new CallRecord(7, "15", "k7", "1000", "380639920000", FirstParty.OPERATOR, "cc-7-a",
                CallStatus.FINISH, T, T.plusSeconds(30)));
        history.calls.add(new CallRecord(8, "16", "k8", "1000", "380639920002", FirstParty.OPERATOR, "cc-8-b",
                CallStatus.CALL, T.plusSeconds(40), null));
        history.events.add(new StatusEvent(1, 7, "15", CallStatus.CALL, T, null));
        history.events.add(new StatusEvent(2, 7, "15", CallStatus.FINISH, T.plusSeconds(30), "operator cause 16"));
        history.events.add(new StatusEvent(3, 8, "16", CallStatus.CALL, T.plusSeconds(40), null));
        history.recordings.add(new Recording(3, 7, "15", "15-7.wav", 100, 30_000, T.plusSeconds(31)));
        return history;
    }

    @Test
    void withoutKeysThePageOpensAsIsAndItsSnapshotHasTheCallsAndOperators() throws Exception {
        try (TestServers.Running server = TestServers.start(Map.of(), history(), new FakeDialer(),
                Clock.systemUTC())) {
            ApiClient client = server.client();
            HttpResponse<byte[]> page = client.get("/dashboard");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(text(page)).contains("content=\"\"").contains("/dashboard/app.js");
            assertThat(client.get("/dashboard/login").headers().firstValue("Location")).hasValue("/dashboard");
            assertThat(client.get("/dashboard/app.js").headers().firstValue("Content-Type"))
                    .hasValue("text/javascript; charset=utf-8");

            JsonNode state = json(client.get("/dashboard/state.json"));
            assertThat(state.get("cursor").asLong()).isZero();
            assertThat(state.at("/operators/0/sip").asText()).isEqualTo("1000");
            assertThat(state.at("/operators/0/status").asText()).isEqualTo("inuse");
            assertThat(state.at("/calls/0/call_id").asLong()).as("calls in progress first").isEqualTo(8);
            assertThat(state.at("/calls/0/ended_at").isNull()).isTrue();
            JsonNode ended = state.at("/calls/1");
            assertThat(ended.get("call_id").asLong()).isEqualTo(7);
            assertThat(ended.get("status").asText()).isEqualTo("FINISH");
            assertThat(ended.at("/chain/1/detail").asText()).isEqualTo("operator cause 16");
            assertThat(ended.get("recording_url").asText()).isEqualTo("/recordings/3.wav");
        }
    }

    @Test
    void withKeysTheSessionOfALoginAdmitsTheApiWithItsTokenOnly() throws Exception {
        try (TestServers.Running server = TestServers.start(Map.of("http.api.keys", "sup:" + SECRET), history(),
                new FakeDialer(), Clock.systemUTC())) {
            ApiClient client = server.client();
            assertThat(client.get("/dashboard/state.json").statusCode()).isEqualTo(401);
            HttpResponse<byte[]> login = client.postForm("/dashboard/login", "key=" + SECRET);
            assertThat(login.statusCode()).isEqualTo(303);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String page = text(client.get("/dashboard", "Cookie", cookie));
            String csrf = page.replaceAll("(?s).*name=\"csrf-token\" content=\"([^\"]+)\".*", "$1");

            assertThat(client.get("/api/sipList.json", "Cookie", cookie).statusCode()).isEqualTo(403);
            HttpResponse<byte[]> list = client.get("/api/sipList.json", "Cookie", cookie, "X-CSRF-Token", csrf);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(json(list).at("/operators/0/sip").asText()).isEqualTo("1000");
            assertThat(json(client.get("/dashboard/state.json", "Cookie", cookie)).at("/calls/1/call_id").asLong())
                    .isEqualTo(7);
        }
    }
}
