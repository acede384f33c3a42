package io.callcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DashboardConfigTest {

    @Test
    void aLoginLastsAWorkingDayByDefault() {
        assertThat(Config.from(Map.of()).dashboard()).isEqualTo(new DashboardConfig(Duration.ofHours(8), 1000));
    }

    @Test
    void theKeysAreRead() {
        DashboardConfig dashboard = Config.from(Map.of("dashboard.session.lifetime", "30m",
                "dashboard.sessions.max", "5")).dashboard();

        assertThat(dashboard.sessionLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(dashboard.maxSessions()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "dashboard.session.lifetime|10s|dashboard.session.lifetime:",
        "dashboard.session.lifetime|forever|dashboard.session.lifetime:",
        "dashboard.sessions.max|0|dashboard.sessions.max: 0 is out of range",
        "dashboard.session.ttl|1h|dashboard.session.ttl: unknown key"})
    void badValuesStopTheDaemonNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> Config.from(Map.of(key, value))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }
}
