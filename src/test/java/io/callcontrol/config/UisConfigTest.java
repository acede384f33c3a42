package io.callcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UisConfigTest {

    private static final String USERS = "crm:uis-password-0123456";

    @Test
    void offByDefault() {
        UisConfig uis = Config.from(Map.of()).uis();

        assertThat(uis.enabled()).isFalse();
        assertThat(uis.ratePerMinute()).isEqualTo(60);
        assertThat(uis.ratePerDay()).isEqualTo(10_000);
    }

    @Test
    void usersAndTheNumberTableAreReadAndPasswordsNeverShown() {
        UisConfig uis = Config.from(Map.of("uis.users", USERS,
                "uis.operators", "+74951234567:1000, 74951234568:1001")).uis();

        assertThat(uis.enabled()).isTrue();
        assertThat(uis.operators()).containsExactlyInAnyOrderEntriesOf(Map.of("74951234567", "1000",
                "74951234568", "1001"));
        assertThat(uis.toString()).doesNotContain("uis-password");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "74951234567|uis.operators: entry 1 '74951234567' is not number:sip",
        "74951234567:sip|uis.operators: entry 1 '74951234567:sip' is not number:sip",
        "12:1000|uis.operators: entry 1 '12:1000' is not number:sip",
        "74951234567:1000,+74951234567:1001|uis.operators: number 74951234567 is given twice"})
    void aBadTableStopsTheDaemonNamingTheEntry(String operators, String message) {
        assertThatThrownBy(() -> Config.from(Map.of("uis.users", USERS, "uis.operators", operators)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void usersWithoutATableAreRefused() {
        assertThatThrownBy(() -> Config.from(Map.of("uis.users", USERS))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("uis.operators: required when uis.users is set");
    }
}
