package io.callcontrol.face.novofon;

import static io.callcontrol.face.novofon.FaceChannel.KEY;
import static io.callcontrol.face.novofon.FaceChannel.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.face.FakeCore;
import io.callcontrol.http.TestClock;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON-RPC envelope as the contract has it: each refusal of a request that is not one the face takes. */
class NovofonProtocolTest {

    private final FakeCore core = new FakeCore();
    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T09:30:00Z"));
    private final FaceChannel face = new FaceChannel(core, clock, 0, 0, Runnable::run);

    @AfterEach
    void noLeaks() {
        assertThat(face.channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void invalidJsonIsAParseError() throws Exception {
        JsonNode answer = face.post("{\"jsonrpc\":\"2.0\",\"id\":1,");

        JsonNode data = error(answer, -32700, "parse_error");
        assertThat(answer.at("/error/message").asText()).isEqualTo("Invalid JSON was received by the server.");
        assertThat(answer.get("id").isNull()).isTrue();
        assertThat(data.get("field").isNull()).as("empty fields are null").isTrue();
    }

    @Test
    void anEmptyBodyIsAParseError() throws Exception {
        error(face.post(""), -32700, "parse_error");
    }

    @Test
    void aBatchIsRefusedAndNothingInItRuns() throws Exception {
        JsonNode answer = face.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"start.employee_call\",\"params\":"
                + "{\"access_token\":\"" + KEY + "\",\"first_call\":\"employee\",\"contact\":\"380639920000\","
                + "\"employee\":{\"id\":1000}}}]");

        error(answer, -32099, "batch_opreations_not_supported");
        assertThat(answer.at("/error/message").asText()).isEqualTo("Batch operations not supported");
        assertThat(core.placed).isEmpty();
    }

    @Test
    void aNotificationIsRefusedAndDoesNotRun() throws Exception {
        JsonNode answer = face.post("{\"jsonrpc\":\"2.0\",\"method\":\"start.employee_call\",\"params\":"
                + "{\"access_token\":\"" + KEY + "\",\"first_call\":\"employee\",\"contact\":\"380639920000\","
                + "\"employee\":{\"id\":1000}}}");

        error(answer, -32099, "notifications_not_supported");
        assertThat(answer.at("/error/message").asText()).isEqualTo("Notifications not supported");
        assertThat(core.placed).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"list.calls\",\"params\":{}}",
        "{\"id\":7,\"method\":\"list.calls\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":42,\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"list.calls\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"list.calls\",\"params\":[]}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"list.calls\",\"params\":{},\"extra\":1}",
        "\"list.calls\""})
    void aRequestObjectThatIsNotOneIsAnInvalidRequest(String body) throws Exception {
        JsonNode answer = face.post(body);

        error(answer, -32600, "invalid_request");
        assertThat(answer.at("/error/message").asText())
                .isEqualTo("Invalid Request The JSON sent is not a valid Request object");
    }

    @Test
    void anIdThatIsNeitherStringNorNumberIsAnInvalidRequest() throws Exception {
        JsonNode answer = face.post("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"list.calls\",\"params\":{}}");

        assertThat(error(answer, -32600, "invalid_request").get("field").asText()).isEqualTo("id");
        assertThat(answer.get("id").isNull()).isTrue();
    }

    @Test
    void theAnswerCarriesTheRequestsIdStringOrNumber() throws Exception {
        JsonNode text = face.post("{\"jsonrpc\":\"2.0\",\"id\":\"req-1\",\"method\":\"list.calls\",\"params\":"
                + "{\"access_token\":\"" + KEY + "\"}}");
        JsonNode number = face.post("{\"jsonrpc\":\"2.0\",\"id\":15,\"method\":\"nope\",\"params\":{}}");

        assertThat(text.get("id").asText()).isEqualTo("req-1");
        assertThat(number.get("id").asInt()).isEqualTo(15);
    }

    @Test
    void anUnknownMethodIsMethodNotFound() throws Exception {
        JsonNode answer = face.call("get.account", "{\"access_token\":\"" + KEY + "\"}");

        assertThat(error(answer, -32601, "method_not_found").get("field").asText()).isEqualTo("method");
        assertThat(answer.at("/error/message").asText()).isEqualTo("The method does not exist / is not available");
    }

    @Test
    void otherPathsPassOnUntouched() {
        FullHttpRequest request = FaceChannel.request(HttpMethod.GET, "/api/sipList.json", "", null);

        face.channel.writeInbound(request);

        FullHttpRequest passed = face.channel.readInbound();
        assertThat(passed.uri()).isEqualTo("/api/sipList.json");
        passed.release();
        assertThat((Object) face.channel.readOutbound()).isNull();
    }

    @Test
    void onlyPostIsAnswered() throws Exception {
        face.channel.writeInbound(FaceChannel.request(HttpMethod.GET, NovofonHandler.PATH, "", null));

        HttpResponse head = face.channel.outboundMessages().peek() instanceof HttpResponse r ? r : null;
        assertThat(head.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("POST");
        error(face.answer(405), -32600, "invalid_request");
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIsAnInvalidRequest() throws Exception {
        face.channel.writeInbound(FaceChannel.request(HttpMethod.POST, NovofonHandler.PATH,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list.calls\",\"params\":{}}",
                "application/x-www-form-urlencoded"));

        assertThat(error(face.answer(200), -32600, "invalid_request").get("detail").asText())
                .contains("application/json");
    }

    @Test
    void theMethodRunsOnAWorkerNotTheEventLoop() throws Exception {
        Queue<Runnable> worker = new ArrayDeque<>();
        FaceChannel queued = new FaceChannel(core, clock, 0, 0, worker::add);
        try {
            queued.channel.writeInbound(FaceChannel.request(HttpMethod.POST, NovofonHandler.PATH,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list.calls\",\"params\":{\"access_token\":\"" + KEY
                            + "\"}}", "application/json"));

            assertThat((Object) queued.channel.readOutbound()).as("nothing answered on the event loop").isNull();
            worker.poll().run();
            assertThat(queued.answer(200).at("/result/data").isArray()).isTrue();
        } finally {
            assertThat(queued.channel.finishAndReleaseAll()).isFalse();
        }
    }
}
