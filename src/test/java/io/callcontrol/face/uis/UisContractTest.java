package io.callcontrol.face.uis;

import static io.callcontrol.face.uis.UisChannel.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.FirstParty;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.face.FakeCore;
import io.callcontrol.http.TestClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The UIS Call API's own printed examples, sent as printed (with the login configured), and the answers it prints:
 * the session key, {@code "success"}, and the error object of its error example.
 */
class UisContractTest {

    /** The contract's first place_calls example, as printed. */
    static final String EXAMPLE = "{\"session_key\":\"%s\",\"first_call\":\"numc\",\"switch_at_once\":true,"
            + "\"media_file\":\"Bad Kingdom-cut.mp3\",\"is_queue\":false,\"is_use_numb_as_numa\":false,"
            + "\"numa\":\"74959891628\",\"numb\":\"74993720692\",\"numc\":\"79164572521\"}";

    private final FakeCore core = new FakeCore();
    private final UisChannel face = new UisChannel(core, new TestClock(Instant.parse("2026-12-07T09:30:00Z")), 0);

    @AfterEach
    void noLeaks() {
        assertThat(face.channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void authenticateAnswersASessionKeyOfTheExamplesShape() throws Exception {
        JsonNode answer = face.post("{\"jsonrpc\":\"2.0\",\"method\":\"authenticate\",\"id\":1,\"params\":"
                + "{\"login\":\"bbb\",\"password\":\"" + UisChannel.PASSWORD + "\"}}");

        assertThat(answer.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(answer.get("id").asInt()).isEqualTo(1);
        assertThat(answer.at("/result/session_key").asText()).as(answer.toString()).matches("[0-9a-f]{40}");
    }

    @Test
    void theFirstPlaceCallsExampleIsRefusedForItsMediaFileAndPlacedWithoutIt() throws Exception {
        String key = face.sessionKey();

        JsonNode refused = face.call("place_calls", EXAMPLE.formatted(key));
        JsonNode placed = face.call("place_calls", EXAMPLE.formatted(key)
                .replace("\"media_file\":\"Bad Kingdom-cut.mp3\",", ""));

        assertThat(error(refused, -32602, "Invalid params")).startsWith("media_file: not served here");
        assertThat(placed.get("id").asInt()).isEqualTo(55);
        assertThat(placed.get("result").asText()).as(placed.toString()).isEqualTo("success");
        assertThat(core.placed).hasSize(1);
        CallRequest call = core.placed.get(0);
        assertThat(call.sip()).isEqualTo("1000");
        assertThat(call.phone()).isEqualTo("74959891628");
        assertThat(call.first()).isEqualTo(FirstParty.OPERATOR);
        assertThat(call.orderId()).isEqualTo("uis");
        assertThat(call.externalKey()).startsWith("uis-");
    }

    @Test
    void theSecondExamplesMessagesAreRefusedAndNothingIsPlaced() throws Exception {
        JsonNode answer = face.call("place_calls", "{\"session_key\":\"" + face.sessionKey() + "\",\"first_call\":"
                + "\"numc\",\"switch_at_once\":true,\"is_queue\":false,\"use_numb_as_numa\":false,\"numa\":"
                + "\"74959891628\",\"numa_message\":{\"type\":\"media\",\"value\":\"leave message\"},\"numb\":"
                + "\"74993720692\",\"numc\":\"79164572521\"}");

        assertThat(error(answer, -32602, "Invalid params")).startsWith("numa_message: not served here");
        assertThat(core.placed).isEmpty();
    }

    @Test
    void theGroupExampleIsRefusedAndNothingIsPlaced() throws Exception {
        JsonNode answer = face.call("place_calls", "{\"session_key\":\"" + face.sessionKey() + "\",\"first_call\":"
                + "\"numc\",\"switch_at_once\":true,\"numa\":\"74959891628\",\"numb\":\"74993720692\",\"numc\":"
                + "[{\"dialing_increment\":1,\"incremental_dialing_timeout\":1,\"lines_limit\":2,\"lines_start\":1,"
                + "\"phones\":[{\"channels_count\":2,\"numb\":\"79164572521\",\"timeout\":29}]}]}");

        assertThat(error(answer, -32602, "Invalid params")).startsWith("numc: groups of numbers are not served");
        assertThat(core.placed).isEmpty();
    }

    @Test
    void anUnknownSessionKeyIsTheErrorExampleItself() throws Exception {
        JsonNode answer = face.call("place_calls", EXAMPLE.formatted("ecdfc4d6a9c765bb182257cdc72ca8b1bb25b13a"));

        assertThat(answer.get("id").asInt()).isEqualTo(55);
        assertThat(error(answer, -32002, "Authentication error")).isEqualTo("Invalid session key");
        assertThat(core.placed).isEmpty();
    }
}
