package io.callcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProstiezvonkiConfigTest {

    @Test
    void offByDefault() {
        assertThat(Config.from(Map.of()).prostiezvonki().enabled()).isFalse();
    }

    @Test
    void usersAreReadAndTheirPasswordsNeverShown() {
        ProstiezvonkiConfig pz = Config.from(Map.of("prostiezvonki.users",
                "100:password, 1001:a-32-character-password-01234567")).prostiezvonki();

        assertThat(pz.enabled()).isTrue();
        assertThat(pz.users()).isEqualTo(Map.of("100", "password", "1001", "a-32-character-password-01234567"));
        assertThat(pz.toString()).contains("100", "1001").doesNotContain("password");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "100|prostiezvonki.users: entry 1 is not user_phone:client_id",
        "op:password|prostiezvonki.users: entry 1 is not user_phone:client_id",
        "100:short|prostiezvonki.users: operator 100: the client_id (password) must be 8 to 32 characters",
        "100:a-33-character-password-012345678|prostiezvonki.users: operator 100: the client_id (password) must be",
        "100:password,100:password2|prostiezvonki.users: operator 100 is given twice"})
    void badValuesStopTheDaemonNamingTheKeyAndNeverThePassword(String value, String message) {
        assertThatThrownBy(() -> Config.from(Map.of("prostiezvonki.users", value)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message)
                .hasMessageNotContaining("password2").hasMessageNotContaining("short");
    }
}
