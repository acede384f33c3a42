package io.callcontrol.face.uis;

import static io.callcontrol.face.uis.UisChannel.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.FirstParty;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.face.FakeCore;
import io.callcontrol.face.Sessions;
import io.callcontrol.http.TestClock;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each error of the contract's table that the face answers, and what place_calls does and refuses. */
class UisFaceTest {

    private final FakeCore core = new FakeCore();
    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T09:30:00Z"));
    private final UisChannel face = new UisChannel(core, clock, 3);

    @AfterEach
    void noLeaks() {
        assertThat(face.channel.finishAndReleaseAll()).isFalse();
    }

    private String call(String key, String change) {
        String params = "{\"session_key\":\"" + key + "\",\"first_call\":\"numc\",\"switch_at_once\":false,"
                + "\"numa\":\"+74959891628\",\"numb\":\"74993720692\",\"numc\":\"79164572521\"}";
        return change.isEmpty() ? params : params.replaceFirst("\\}$", "," + change + "}");
    }

    @Test
    void visitorFirstRingsTheClientFirst() throws Exception {
        JsonNode answer = face.call("place_calls", call(face.sessionKey(), "").replace("\"numc\",", "\"numa\","));

        assertThat(answer.get("result").asText()).as(answer.toString()).isEqualTo("success");
        assertThat(core.placed.get(0).first()).isEqualTo(FirstParty.CLIENT);
        assertThat(core.placed.get(0).phone()).isEqualTo("74959891628");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"first_call\":\"any\"|first_call: 'any' (ringing both sides at once) is not served here",
        "\"is_queue\":true|is_queue: true is not served here",
        "\"queue_timeout\":1|queue_timeout: not served here",
        "\"numc_message\":{\"type\":\"text\",\"value\":\"hi\"}|numc_message: not served here",
        "\"switch_at_once\":\"yes\"|switch_at_once: must be a boolean, not string",
        "\"numc\":\"74950000000\"|numc: no operator answers this number",
        "\"numa\":\"12\"|numa: must be the client's number",
        "\"numb\":\"service\"|numb: must be the service number",
        "\"priority\":1|priority: not a parameter of this method"})
    void whatTheDaemonCannotDoOrABadValueIsInvalidParamsAndPlacesNothing(String change, String detail)
            throws Exception {
        String params = call(face.sessionKey(), "");
        String name = change.substring(1, change.indexOf('"', 1));
        String changed = params.contains("\"" + name + "\"")
                ? params.replaceFirst("\"" + name + "\":(\"[^\"]*\"|[a-z]+)", Matcher.quoteReplacement(change))
                : params.replaceFirst("\\}$", "," + change + "}");

        JsonNode answer = face.call("place_calls", changed);

        assertThat(error(answer, -32602, "Invalid params")).startsWith(detail);
        assertThat(core.placed).isEmpty();
    }

    @Test
    void aMissingRequiredParameterIsInvalidParams() throws Exception {
        JsonNode answer = face.call("place_calls", call(face.sessionKey(), "").replace(",\"switch_at_once\":false", ""));

        assertThat(error(answer, -32602, "Invalid params")).isEqualTo("switch_at_once: is required");
    }

    @Test
    void aWrongPasswordIsPermissionDenied() throws Exception {
        JsonNode answer = face.call("authenticate", "{\"login\":\"bbb\",\"password\":\"bbb\"}");

        assertThat(error(answer, -32003, "Permission denied")).startsWith("login, password");
    }

    @Test
    void aKeyAnHourOldHasExpiredAndAnotherLoginGivesANewOne() throws Exception {
        String key = face.sessionKey();
        clock.advance(Sessions.LIFETIME);

        JsonNode answer = face.call("place_calls", call(key, ""));

        assertThat(error(answer, -32005, "Session key has expired")).contains("authenticate again");
        assertThat(face.sessionKey()).isNotEqualTo(key);
        assertThat(core.placed).isEmpty();
    }

    @Test
    void aLoginsMinuteBudgetSpentIsLimitIsExceeded() throws Exception {
        String key = face.sessionKey();
        face.call("place_calls", call(key, ""));
        face.call("place_calls", call(key, ""));

        JsonNode answer = face.call("place_calls", call(key, ""));

        assertThat(error(answer, -32004, "Limit is exceeded")).contains("3 requests per minute");
        assertThat(core.placed).hasSize(2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(face.call("place_calls", call(key, "")).get("result").asText()).isEqualTo("success");
    }

    @Test
    void asteriskUnavailableIsAnInternalErrorWithTheReason() throws Exception {
        String key = face.sessionKey();
        core.refuseWith = CallRefusedException.Reason.ASTERISK_UNAVAILABLE;

        JsonNode answer = face.call("place_calls", call(key, ""));

        assertThat(error(answer, -32603, "Internal error")).startsWith("the call was not placed");
    }

    @Test
    void anUnknownMethodIsMethodNotFound() throws Exception {
        error(face.call("list_calls", "{}"), -32601, "Method not found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"jsonrpc\":\"2.0\",\"method\":\"authenticate\",\"params\":{}}|id: is required",
        "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"authenticate\",\"params\":{}}|id: is required",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"authenticate\",\"params\":{}}|jsonrpc: is required",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"authenticate\"}|params: is required",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"params\":{}}|method: is required",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"authenticate\",\"params\":{}}]|the request must be one JSON object"})
    void anIncompleteRequestIsInvalidRequest(String body, String detail) throws Exception {
        assertThat(error(face.post(body), -32600, "Invalid Request")).startsWith(detail);
    }

    @Test
    void aBodyThatIsNotJsonIsParseError() throws Exception {
        JsonNode answer = face.post("{\"jsonrpc\":");

        assertThat(answer.get("id").isNull()).isTrue();
        error(answer, -32700, "Parse error");
    }

    @Test
    void onlyPostIsServed() throws Exception {
        face.channel.writeInbound(UisChannel.request(HttpMethod.GET, ""));

        error(face.answer(405), -32600, "Invalid Request");
    }
}
