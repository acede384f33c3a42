package io.callcontrol.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import org.junit.jupiter.api.Test;

/** The attempts' keys and the rule that keeps the CRM's keys apart from them. */
class AttemptKeysTest {

    @Test
    void aCrmKeyOfAnAttemptsFormIsRefusedNamingTheParameter() throws Exception {
        CallRequest call = CallRequest.of("1000", "380639920000", "15", AttemptKeys.of(3, 1, 1));

        assertThatThrownBy(() -> AttemptKeys.refuseReserved(call))
                .isInstanceOf(CallRefusedException.class)
                .hasMessage("external_key: keys starting with 'schedule:' are reserved for the attempts of scheduled"
                        + " calls")
                .extracting(e -> ((CallRefusedException) e).parameter()).isEqualTo("external_key");
        assertThatCode(() -> AttemptKeys.refuseReserved(CallRequest.of("1000", "380639920000", "15", "crm:1")))
                .doesNotThrowAnyException();
    }

    @Test
    void keysNameTheirAttemptAndTry() {
        assertThat(AttemptKeys.parse("schedule:3:2:4")).isEqualTo(new AttemptKeys.Key(3, 2, 4));
        assertThat(AttemptKeys.parse("schedule:3:2")).isEqualTo(new AttemptKeys.Key(3, 2, 1));
        assertThat(AttemptKeys.parse("crm:1")).isNull();
    }
}
