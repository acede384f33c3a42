package io.callcontrol.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.call.CallStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The retry plan: its format, and which ends get another attempt after how long. */
class RetryPlanTest {

    private static final Instant ENDED = Instant.parse("2025-06-04T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final RetryPlan PLAN = RetryPlan.parse("5,10,15");

    @Test
    void itsLengthIsTheNumberOfRetries() {
        assertThat(PLAN.minutes()).containsExactly(5, 10, 15);
        assertThat(PLAN.attempts()).isEqualTo(4);
        assertThat(PLAN.text()).isEqualTo("5,10,15");
        assertThat(RetryPlan.parse("")).isEqualTo(RetryPlan.NONE);
        assertThat(RetryPlan.NONE.attempts()).isEqualTo(1);
        assertThat(RetryPlan.parse("1,1,1,1,1,1,1,1,1,1440").attempts()).isEqualTo(11);
    }

    @ParameterizedTest
    @EnumSource(value = CallStatus.class, names = {"OPERATOR_NOANSWER", "OPERATOR_BUSY", "CLIENT_NOANSWER", "CLIENT_BUSY"})
    void busyOrNoAnswerOnEitherSideIsRetriedAfterItsInterval(CallStatus status) {
        assertThat(PLAN.retryAt(1, status, ENDED, MINUTE)).isEqualTo(ENDED.plus(Duration.ofMinutes(5)));
        assertThat(PLAN.retryAt(2, status, ENDED, MINUTE)).isEqualTo(ENDED.plus(Duration.ofMinutes(10)));
        assertThat(PLAN.retryAt(3, status, ENDED, MINUTE)).isEqualTo(ENDED.plus(Duration.ofMinutes(15)));
        assertThat(PLAN.retryAt(4, status, ENDED, MINUTE)).as("the last attempt").isNull();
        assertThat(RetryPlan.NONE.retryAt(1, status, ENDED, MINUTE)).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = CallStatus.class, names = {"FINISH", "ERROR", "OPERATOR_OFFLINE", "CLIENT_CANCEL"})
    void otherEndsAreNotRetried(CallStatus status) {
        assertThat(PLAN.retryAt(1, status, ENDED, MINUTE)).isNull();
    }

    @Test
    void aShorterMinuteIsForTests() {
        assertThat(PLAN.retryAt(1, CallStatus.CLIENT_BUSY, ENDED, Duration.ofSeconds(1)))
                .isEqualTo(ENDED.plusSeconds(5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0                      | entry 1 is '0'",
            "5,1441                 | entry 2 is '1441'",
            "5,,15                  | entry 2 is ''",
            "5, 10                  | entry 2 is ' 10'",
            "-5                     | entry 1 is '-5'",
            "2.5                    | entry 1 is '2.5'",
            "1,1,1,1,1,1,1,1,1,1,1  | at most 10 retries; got 11",
    })
    void badPlansSayWhatIsWrong(String interval, String message) {
        assertThatThrownBy(() -> RetryPlan.parse(interval)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
