package io.callcontrol.face.novofon;

import static io.callcontrol.face.novofon.FaceChannel.KEY;
import static io.callcontrol.face.novofon.FaceChannel.PASSWORD;
import static io.callcontrol.face.novofon.FaceChannel.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.face.FakeCore;
import io.callcontrol.http.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The methods the face serves, over a fake core, and the contract's errors for their parameters and the core's refusals. */
class NovofonMethodsTest {

    private static final String TOKEN = "\"access_token\":\"" + KEY + "\"";
    private static final String CALL = "{" + TOKEN + ",\"first_call\":\"employee\",\"contact\":\"380639920000\","
            + "\"employee\":{\"id\":1000},\"external_id\":\"15\"}";

    private final FakeCore core = new FakeCore();
    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T09:30:00Z"));
    private final FaceChannel face = new FaceChannel(core, clock, 0, 0, Runnable::run);

    @AfterEach
    void noLeaks() {
        assertThat(face.channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void startEmployeeCallPlacesAnOperatorFirstCallThroughTheDialer() throws Exception {
        JsonNode answer = face.call("start.employee_call", CALL);

        assertThat(answer.at("/result/data/call_session_id").asLong()).as(answer.toString()).isEqualTo(42);
        assertThat(answer.has("error")).isFalse();
        assertThat(core.placed).hasSize(1);
        CallRequest placed = core.placed.get(0);
        assertThat(placed.sip()).isEqualTo("1000");
        assertThat(placed.phone()).isEqualTo("380639920000");
        assertThat(placed.orderId()).isEqualTo("15");
        assertThat(placed.first()).isEqualTo(FirstParty.OPERATOR);
        assertThat(placed.externalKey()).startsWith("novofon-");
    }

    @Test
    void employeePhoneNumberIsTheSipRungAndContactFirstRingsTheClientFirst() throws Exception {
        face.call("start.employee_call", "{" + TOKEN + ",\"first_call\":\"contact\",\"contact\":\"+380639920000\","
                + "\"employee\":{\"id\":7,\"phone_number\":\"1001\"},\"virtual_phone_number\":\"74950000000\"}");

        CallRequest placed = core.placed.get(0);
        assertThat(placed.sip()).isEqualTo("1001");
        assertThat(placed.first()).isEqualTo(FirstParty.CLIENT);
        assertThat(placed.orderId()).isEqualTo(CallMethods.DEFAULT_ORDER);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the face's names for the core's own validation (CallRequest)
        "contact with '&'|\"first_call\":\"employee\",\"contact\":\"38063&1000\",\"employee\":{\"id\":1000}|invalid_parameter_value|contact",
        "contact missing|\"first_call\":\"employee\",\"employee\":{\"id\":1000}|required_parameter_missed|contact",
        "employee without id|\"first_call\":\"employee\",\"contact\":\"380639920000\",\"employee\":{}|required_parameter_missed|employee.id",
        "phone_number not digits|\"first_call\":\"employee\",\"contact\":\"380639920000\",\"employee\":{\"phone_number\":\"10/0\"}|invalid_parameter_value|employee.phone_number",
        "first_call unknown|\"first_call\":\"both\",\"contact\":\"380639920000\",\"employee\":{\"id\":1000}|invalid_parameter_value|first_call",
        "external_id with a space|\"first_call\":\"employee\",\"contact\":\"380639920000\",\"employee\":{\"id\":1000},\"external_id\":\"a b\"|invalid_parameter_value|external_id",
        // the JSON shape the face reads
        "employee missing|\"first_call\":\"employee\",\"contact\":\"380639920000\"|required_parameter_missed|employee",
        "first_call missing|\"contact\":\"380639920000\",\"employee\":{\"id\":1000}|required_parameter_missed|first_call",
        "contact a number|\"first_call\":\"employee\",\"contact\":380639920000,\"employee\":{\"id\":1000}|data_type_error|contact",
        "employee.id a string|\"first_call\":\"employee\",\"contact\":\"380639920000\",\"employee\":{\"id\":\"1000\"}|data_type_error|employee.id",
        "unexpected parameter|\"first_call\":\"employee\",\"contact\":\"380639920000\",\"employee\":{\"id\":1000},\"media_file_id\":3|unexpected_parameters|media_file_id",
        "unexpected employee member|\"first_call\":\"employee\",\"contact\":\"380639920000\",\"employee\":{\"id\":1000,\"x\":1}|unexpected_parameters|employee.x"})
    void badParametersAreRefusedUnderTheFacesNamesAndNothingIsPlaced(String name, String params, String mnemonic,
            String field) throws Exception {
        JsonNode answer = face.call("start.employee_call", "{" + TOKEN + "," + params + "}");

        JsonNode data = error(answer, -32602, mnemonic);
        assertThat(data.get("field").asText()).isEqualTo(field);
        assertThat(data.get("detail").asText()).startsWith(field);
        assertThat(core.placed).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ASTERISK_UNAVAILABLE", "STORE_UNAVAILABLE", "ORIGINATE_FAILED"})
    void theCoresOwnTroubleIsAnInternalError(String reason) throws Exception {
        core.refuseWith = CallRefusedException.Reason.valueOf(reason);

        JsonNode answer = face.call("start.employee_call", CALL);

        assertThat(error(answer, -32603, "internal_error").get("detail").asText()).contains(reason);
        assertThat(answer.at("/error/message").asText()).isEqualTo("Internal error, contact the support service");
    }

    @Test
    void releaseCallReleasesThroughTheDialerOnceThenTheSessionIsNotFound() throws Exception {
        face.call("start.employee_call", CALL);

        JsonNode released = face.call("release.call", "{" + TOKEN + ",\"call_session_id\":42}");
        JsonNode again = face.call("release.call", "{" + TOKEN + ",\"call_session_id\":42}");
        JsonNode unknown = face.call("release.call", "{" + TOKEN + ",\"call_session_id\":99}");

        assertThat(released.at("/result/data").isObject()).as(released.toString()).isTrue();
        assertThat(released.at("/result/data").size()).isZero();
        assertThat(core.released).containsExactly(42L);
        assertThat(error(again, -32602, "call_session_not_found").get("detail").asText()).contains("ended already");
        assertThat(error(unknown, -32602, "call_session_not_found").get("detail").asText()).contains("no call 99");
        error(face.call("release.call", "{" + TOKEN + "}"), -32602, "required_parameter_missed");
        error(face.call("release.call", "{" + TOKEN + ",\"call_session_id\":\"42\"}"), -32602, "data_type_error");
    }

    @Test
    void listCallsShowsTheCallsInProgressWithTheirLegs() throws Exception {
        face.call("start.employee_call", CALL);
        face.call("start.employee_call", CALL);
        core.advance(42, CallStatus.CLIENT_CALLTO);
        core.advance(43, CallStatus.FINISH);

        JsonNode calls = face.call("list.calls", "{" + TOKEN + "}").at("/result/data");

        assertThat(calls.size()).as(calls.toString()).isEqualTo(1);
        JsonNode call = calls.get(0);
        assertThat(call.get("call_session_id").asLong()).isEqualTo(42);
        assertThat(call.get("start_time").asText()).isEqualTo("2026-12-07T09:30:05Z");
        assertThat(call.get("direction").asText()).isEqualTo("out");
        assertThat(call.get("external_id").asText()).isEqualTo("15");
        assertThat(call.get("status").asText()).isEqualTo("CLIENT_CALLTO");
        assertThat(call.has("virtual_phone_number") && call.get("virtual_phone_number").isNull()).isTrue();
        assertThat(call.at("/legs/0/type").asText()).isEqualTo("employee");
        assertThat(call.at("/legs/0/employee_id").asLong()).isEqualTo(1000);
        assertThat(call.at("/legs/0/state").asText()).isEqualTo("connected");
        assertThat(call.at("/legs/0/leg_id").asLong()).as("call 42's employee leg").isEqualTo(421);
        assertThat(call.at("/legs/1/type").asText()).isEqualTo("contact");
        assertThat(call.at("/legs/1/phone_number").asText()).isEqualTo("380639920000");
        assertThat(call.at("/legs/1/employee_id").isNull()).isTrue();
        assertThat(call.at("/legs/1/state").asText()).isEqualTo("ringing");
    }

    @Test
    void listCallsWithNoneIsAnEmptyArray() throws Exception {
        JsonNode data = face.call("list.calls", "{" + TOKEN + "}").at("/result/data");

        assertThat(data.isArray()).isTrue();
        assertThat(data.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hold.call", "unhold.call", "transfer.talk", "record.call", "make.call", "restore.talk",
        "tag.call", "block.contact", "call.talk_option", "list.talk_options"})
    void callControlTheDaemonCannotDoYetIsAComponentDisabledNeverASuccess(String method) throws Exception {
        face.call("start.employee_call", CALL);

        JsonNode answer = face.call(method, "{" + TOKEN + ",\"call_session_id\":42}");

        error(answer, -32008, "component_disabled");
        assertThat(answer.at("/error/message").asText())
                .isEqualTo("Component Call API Управление вызовами has been disabled");
        assertThat(core.released).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"start.informer_call,-32008,component_disabled", "start.scenario_call,-32008,component_disabled",
        "start.vnumber_call,-32601,method_not_found", "start.simple_call,-32601,method_not_found"})
    void otherCallStartsAreRefusedWithTheirComponentsError(String method, int code, String mnemonic)
            throws Exception {
        error(face.call(method, "{" + TOKEN + "}"), code, mnemonic);
        assertThat(core.placed).isEmpty();
    }

    @Test
    void noAccessTokenOrAWrongOneIsRefusedAndNothingRuns() throws Exception {
        JsonNode missing = face.call("start.employee_call", "{\"first_call\":\"employee\",\"contact\":\"380639920000\","
                + "\"employee\":{\"id\":1000}}");
        JsonNode wrong = face.call("start.employee_call", CALL.replace(KEY, "not-the-key-0123456789"));

        assertThat(error(missing, -32602, "required_parameter_missed").get("field").asText())
                .isEqualTo("access_token");
        error(wrong, -32001, "access_token_invalid");
        assertThat(wrong.at("/error/message").asText()).isEqualTo("Access token is invalid");
        assertThat(core.placed).isEmpty();
    }

    @Test
    void aWrongLoginOrPasswordIsAnAuthError() throws Exception {
        JsonNode wrongPassword = face.call("login.user", "{\"login\":\"admin\",\"password\":\"not-the-password-1\"}");
        JsonNode wrongLogin = face.call("login.user", "{\"login\":\"crm\",\"password\":\"" + PASSWORD + "\"}");
        JsonNode keyAsPassword = face.call("login.user", "{\"login\":\"crm\",\"password\":\"" + KEY + "\"}");

        error(wrongPassword, -32001, "auth_error");
        assertThat(wrongPassword.at("/error/message").asText()).isEqualTo("Login or password is wrong");
        error(wrongLogin, -32001, "auth_error");
        error(keyAsPassword, -32001, "auth_error");
        assertThat(wrongPassword.toString()).doesNotContain("not-the-password-1");
    }

    @Test
    void aSessionWorksForAnHourThenItsTokenIsInvalid() throws Exception {
        JsonNode login = face.call("login.user", "{\"login\":\"admin\",\"password\":\"" + PASSWORD + "\"}");
        String token = login.at("/result/data/access_token").asText();
        String params = CALL.replace(KEY, token);

        assertThat(login.at("/result/data/expire_at").asText()).isEqualTo("2026-12-07T10:30:00Z");
        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(face.call("start.employee_call", params).at("/result/data/call_session_id").asLong())
                .isEqualTo(42);
        clock.advance(Duration.ofSeconds(1));
        error(face.call("start.employee_call", params), -32001, "access_token_invalid");
        assertThat(core.placed).hasSize(1);
    }

    @Test
    void logoutEndsTheSessionButNotAPermanentKey() throws Exception {
        String token = face.call("login.user", "{\"login\":\"admin\",\"password\":\"" + PASSWORD + "\"}")
                .at("/result/data/access_token").asText();

        JsonNode out = face.call("logout.user", "{\"access_token\":\"" + token + "\"}");

        assertThat(out.at("/result/data").isObject()).as(out.toString()).isTrue();
        error(face.call("list.calls", "{\"access_token\":\"" + token + "\"}"), -32001, "access_token_invalid");
        error(face.call("logout.user", "{" + TOKEN + "}"), -32001, "access_token_invalid");
        assertThat(face.call("list.calls", "{" + TOKEN + "}").at("/result/data").isArray()).isTrue();
    }
}
