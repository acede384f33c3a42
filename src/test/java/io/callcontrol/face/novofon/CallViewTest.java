package io.callcontrol.face.novofon;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status mapping of docs/FACES.md: our status and first party -> the legs list.calls shows. */
class CallViewTest {

    @ParameterizedTest(name = "{0} {1}: first {2}, second {3}")
    @CsvSource(nullValues = "-", value = {
        "OPERATOR,CALL,CALLING,-",
        "OPERATOR,OPERATOR_CALLTO,RINGING,-",
        "OPERATOR,OPERATOR_PICKUP,CONNECTED,-",
        "OPERATOR,CLIENT_CALLTO,CONNECTED,RINGING",
        "OPERATOR,CLIENT_PICKUP,CONNECTED,CONNECTED",
        "CLIENT,CALL,CALLING,-",
        "CLIENT,CLIENT_CALLTO,RINGING,-",
        "CLIENT,CLIENT_PICKUP,CONNECTED,-",
        "CLIENT,OPERATOR_CALLTO,CONNECTED,RINGING",
        "CLIENT,OPERATOR_PICKUP,CONNECTED,CONNECTED",
        "OPERATOR,FINISH,-,-",
        "OPERATOR,OPERATOR_OFFLINE,-,-",
        "OPERATOR,CLIENT_BUSY,-,-",
        "CLIENT,ERROR,-,-"})
    void legsFollowTheStatus(FirstParty first, CallStatus status, CallView.LegState firstLeg,
            CallView.LegState secondLeg) {
        assertThat(CallView.firstLeg(status, first)).isEqualTo(firstLeg);
        assertThat(CallView.secondLeg(status, first)).isEqualTo(secondLeg);
    }
}
