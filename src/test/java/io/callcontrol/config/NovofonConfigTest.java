package io.callcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NovofonConfigTest {

    @Test
    void offByDefaultWithDocumentedBudgets() {
        NovofonConfig novofon = Config.from(Map.of()).novofon();

        assertThat(novofon.enabled()).isFalse();
        assertThat(novofon.ratePerMinute()).isEqualTo(60);
        assertThat(novofon.ratePerDay()).isEqualTo(10_000);
    }

    @Test
    void keysAndUsersAreReadAndNeverShown() {
        NovofonConfig novofon = Config.from(Map.of("novofon.keys", "crm:crm-secret-0123456789",
                "novofon.users", "admin:admin-password-0123", "novofon.rate.per.minute", "0")).novofon();

        assertThat(novofon.enabled()).isTrue();
        assertThat(novofon.keys()).extracting(HttpConfig.ApiKey::name).containsExactly("crm");
        assertThat(novofon.users()).extracting(HttpConfig.ApiKey::name).containsExactly("admin");
        assertThat(novofon.ratePerMinute()).isZero();
        assertThat(novofon.toString()).doesNotContain("crm-secret-0123456789").doesNotContain("admin-password");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "novofon.keys|crm|novofon.keys: entry 1 is not name:secret",
        "novofon.keys|crm:short|novofon.keys: key 'crm': the secret must be 16 to 256 characters",
        "novofon.users|a:admin-password-0123,a:other-password-0123|novofon.users: key 'a' is given twice",
        "novofon.rate.per.minute|-1|novofon.rate.per.minute: -1 is out of range",
        "novofon.rate.per.day|many|novofon.rate.per.day: 'many' is not a whole number",
        "novofon.kyes|crm:crm-secret-0123456789|novofon.kyes: unknown key"})
    void badValuesStopTheDaemonNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> Config.from(Map.of(key, value))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
        assertThatThrownBy(() -> Config.from(Map.of(key, value))).hasMessageNotContaining("password-0123");
    }

    @Test
    void aPasswordThatIsAlsoAKeyIsRefused() {
        assertThatThrownBy(() -> Config.from(Map.of("novofon.keys", "crm:shared-secret-0123456",
                "novofon.users", "admin:shared-secret-0123456")))
                .hasMessage("novofon.users: user 'admin' has the same password as a key of novofon.keys");
    }
}
