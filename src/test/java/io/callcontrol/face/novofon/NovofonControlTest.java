package io.callcontrol.face.novofon;

import static io.callcontrol.face.novofon.FaceChannel.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallStatus;
import io.callcontrol.control.LiveChannel;
import io.callcontrol.face.FakeCore;
import io.callcontrol.http.TestClock;
import java.time.Instant;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * disconnect.leg, send.dtmf and add.coach through the face, over the daemon's call control with a fake Asterisk:
 * what reaches Asterisk, the leg ids list.calls gives, and the contract's errors for what is refused.
 */
class NovofonControlTest {

    private static final String TOKEN = "\"access_token\":\"" + KEY + "\"";
    private static final Instant T0 = Instant.parse("2026-12-07T09:30:05Z");

    private final FakeCore core = new FakeCore();
    private final FaceChannel face = new FaceChannel(core, new TestClock(T0), 0, 0, Runnable::run);

    /** Call 42, operator 1000 talking with the client, both legs in the fake Asterisk. */
    @BeforeEach
    void aCallTalking() throws Exception {
        face.call("start.employee_call", "{" + TOKEN + ",\"first_call\":\"employee\",\"contact\":\"380639920000\","
                + "\"employee\":{\"id\":1000}}");
        core.advance(42, CallStatus.CLIENT_PICKUP);
        String id = core.call(42).orElseThrow().channelId();
        core.link.channels.add(new LiveChannel("PJSIP/1000-00000001", id, id, "Up", "b1", T0));
        core.link.channels.add(new LiveChannel("PJSIP/trunk-00000002", "1700.2", id, "Up", "b1", T0.plusSeconds(1)));
    }

    @AfterEach
    void noLeaks() {
        assertThat(face.channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void listCallsNamesEachLegAndDisconnectLegHangsUpThatOne() throws Exception {
        JsonNode legs = face.call("list.calls", "{" + TOKEN + "}").at("/result/data/0/legs");
        assertThat(legs.get(0).get("leg_id").asLong()).isEqualTo(421);
        assertThat(legs.get(0).get("type").asText()).isEqualTo("employee");
        assertThat(legs.get(1).get("leg_id").asLong()).isEqualTo(422);

        JsonNode answer = face.call("disconnect.leg", "{" + TOKEN + ",\"call_session_id\":42,\"leg_id\":422}");

        assertThat(answer.has("error")).as(answer.toString()).isFalse();
        assertThat(core.link.sent).singleElement().isInstanceOfSatisfying(HangupAction.class,
                h -> assertThat(h.getChannel()).isEqualTo("PJSIP/trunk-00000002"));
    }

    @Test
    void sendDtmfPlaysTheDigitsToTheContact() throws Exception {
        JsonNode answer = face.call("send.dtmf", "{" + TOKEN + ",\"call_session_id\":42,\"dtmf\":\"1#\"}");

        assertThat(answer.has("error")).as(answer.toString()).isFalse();
        assertThat(core.link.sent).extracting(a -> ((PlayDtmfAction) a).getChannel() + " " + ((PlayDtmfAction) a)
                .getDigit()).containsExactly("PJSIP/trunk-00000002 1", "PJSIP/trunk-00000002 #");
    }

    @Test
    void addCoachRingsTheSupervisorIntoTheEmployeesSideInItsMode() throws Exception {
        JsonNode answer = face.call("add.coach", "{" + TOKEN + ",\"call_session_id\":42,"
                + "\"coach\":{\"phone_number\":\"1010\"},\"mode\":\"whisper\"}");

        assertThat(answer.has("error")).as(answer.toString()).isFalse();
        assertThat(core.link.sent).singleElement().isInstanceOfSatisfying(OriginateAction.class, o -> {
            assertThat(o.getChannel()).isEqualTo("PJSIP/1010");
            assertThat(o.getData()).isEqualTo("PJSIP/1000-00000001,qEw");
        });
    }

    @Test
    void eachRefusalIsTheContractsErrorAndNothingReachesAsterisk() throws Exception {
        assertError(face.call("disconnect.leg", "{" + TOKEN + ",\"call_session_id\":42,\"leg_id\":431}"),
                "invalid_parameter_value", "leg_id", "431 is not a leg of call session 42");
        assertError(face.call("disconnect.leg", "{" + TOKEN + ",\"call_session_id\":7,\"leg_id\":71}"),
                "call_session_not_found", "call_session_id", "there is no call 7");
        assertError(face.call("send.dtmf", "{" + TOKEN + ",\"call_session_id\":42,\"dtmf\":\"1\\r\"}"),
                "invalid_parameter_value", "dtmf", "only 0-9, *, # and A-D");
        assertError(face.call("add.coach", "{" + TOKEN + ",\"call_session_id\":42,"
                + "\"coach\":{\"phone_number\":\"1001\"}}"), "invalid_parameter_value", "coach.phone_number",
                "'1001' is not a supervisor's phone");
        assertError(face.call("add.coach", "{" + TOKEN + ",\"call_session_id\":42,"
                + "\"coach\":{\"phone_number\":\"1010\"},\"mode\":\"coach\"}"), "invalid_parameter_value", "mode",
                "'coach' is not a mode");
        core.link.channels.removeIf(c -> c.name().startsWith("PJSIP/trunk"));
        assertError(face.call("send.dtmf", "{" + TOKEN + ",\"call_session_id\":42,\"dtmf\":\"1\"}"),
                "invalid_parameter_value", "call_session_id", "has no client channel");
        core.advance(42, CallStatus.FINISH);
        assertError(face.call("add.coach", "{" + TOKEN + ",\"call_session_id\":42,"
                + "\"coach\":{\"id\":1010}}"), "call_session_not_found", "call_session_id", "has ended already");

        assertThat(core.link.sent).isEmpty();
    }

    private static void assertError(JsonNode answer, String mnemonic, String field, String detail) {
        JsonNode error = answer.get("error");
        assertThat(error).as(answer.toString()).isNotNull();
        assertThat(error.at("/data/mnemonic").asText()).as(answer.toString()).isEqualTo(mnemonic);
        assertThat(error.at("/data/field").asText()).as(answer.toString()).isEqualTo(field);
        assertThat(error.toString()).contains(detail);
    }
}
