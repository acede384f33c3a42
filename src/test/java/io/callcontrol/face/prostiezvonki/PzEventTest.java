package io.callcontrol.face.prostiezvonki;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Direction;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.push.LoggedEvent;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Which status of which call gives which Prostiezvonki event: the table FACES.md prints. */
class PzEventTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "OUTBOUND, CALL, 8", "OUTBOUND, OPERATOR_CALLTO, 0", "OUTBOUND, OPERATOR_PICKUP, 0",
        "OUTBOUND, CLIENT_CALLTO, 0", "OUTBOUND, CLIENT_PICKUP, 16", "OUTBOUND, FINISH, 4",
        "OUTBOUND, OPERATOR_NOANSWER, 4", "OUTBOUND, CLIENT_BUSY, 4", "OUTBOUND, ERROR, 4",
        "INBOUND, CALL, 0", "INBOUND, OPERATOR_CALLTO, 2", "INBOUND, OPERATOR_PICKUP, 32", "INBOUND, FINISH, 4",
        "INBOUND, CLIENT_CANCEL, 4", "INBOUND, OPERATOR_NOANSWER, 4",
        "OPERATOR_DIALLED, CALL, 8", "OPERATOR_DIALLED, CLIENT_PICKUP, 16"})
    void eachStatusGivesItsEventOrNone(Direction direction, CallStatus status, int type) {
        assertThat(PzEvent.typeOf(status, direction)).isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void noStatusIsATransferRequest(Direction direction) {
        for (CallStatus status : CallStatus.values()) {
            assertThat(PzEvent.typeOf(status, direction)).isNotEqualTo(PzEvent.TRANSFER);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"OUTBOUND, 1000, 380639920000, 1", "INBOUND, 380501112233, 1000, 0"})
    void aFinishedCallHasTheSeedsFieldsWithTheCallerFirst(Direction direction, String from, String to,
            int seedDirection) {
        Instant start = Instant.parse("2026-12-07T09:30:05.250Z");
        Instant pickup = Instant.parse("2026-12-07T09:30:12.900Z");
        Instant end = Instant.parse("2026-12-07T09:30:31.100Z");
        LoggedEvent.Status finish = new LoggedEvent.Status(new StatusEvent(9, 42, "", CallStatus.FINISH, end,
                "cause 16", direction), "1000", direction == Direction.INBOUND ? "380501112233" : "380639920000",
                pickup);

        assertThat(PzEvent.history(finish, start, "http://pbx:8080/recordings/7.wav").toString()).isEqualTo(
                "{\"type\":4,\"callID\":\"42\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"start\":1796635805,"
                + "\"end\":1796635831,\"duration\":18,\"direction\":" + seedDirection
                + ",\"record\":\"http://pbx:8080/recordings/7.wav\"}");
        assertThat(PzEvent.awaitsRecording(finish)).as("a placed call links its recording")
                .isEqualTo(direction != Direction.INBOUND);
    }
}
