package io.callcontrol.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallStatus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventKindTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "CALL, INCOMING", "OPERATOR_CALLTO, INCOMING",
        "OPERATOR_PICKUP, OUTGOING", "CLIENT_CALLTO, OUTGOING",
        "CLIENT_PICKUP, ANSWERED",
        "OPERATOR_NOANSWER, FINISHED", "OPERATOR_BUSY, FINISHED", "OPERATOR_OFFLINE, FINISHED",
        "CLIENT_NOANSWER, FINISHED", "CLIENT_BUSY, FINISHED", "CLIENT_CANCEL, FINISHED", "ERROR, FINISHED",
        "FINISH, FINISHED"})
    void everyStatusHasItsKind(CallStatus status, EventKind kind) {
        assertThat(EventKind.of(status)).isEqualTo(kind);
    }

    @Test
    void theKindsAreTheBitsOfAllAndEveryStatusIsMapped() {
        assertThat(Arrays.stream(EventKind.values()).mapToInt(EventKind::bit)).containsExactly(1, 2, 4, 8, 16, 32);
        assertThat(Arrays.stream(EventKind.values()).mapToInt(EventKind::bit).sum()).isEqualTo(EventKind.ALL);
        assertThat(CallStatus.values()).allSatisfy(status -> assertThat(EventKind.of(status)).isNotNull());
        assertThat(EventKind.FINISHED.in(12)).isTrue();
        assertThat(EventKind.RECORDING.in(12)).isFalse();
    }
}
