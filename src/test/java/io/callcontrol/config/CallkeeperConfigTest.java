package io.callcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallkeeperConfigTest {

    private static final String KEYS = "crm:7da81d94b61fb43ee6431126b5c79f23";

    @Test
    void offByDefault() {
        assertThat(Config.from(Map.of()).callkeeper().enabled()).isFalse();
    }

    @Test
    void keysOfficesAndManagersAreReadAndKeysNeverShown() {
        CallkeeperConfig callkeeper = Config.from(Map.of("callkeeper.keys", KEYS, "callkeeper.offices", "1000, 1001",
                "callkeeper.managers", "+7 (495) 123-45-67:1002")).callkeeper();

        assertThat(callkeeper.enabled()).isTrue();
        assertThat(callkeeper.offices()).isEqualTo(List.of("1000", "1001"));
        assertThat(callkeeper.managers()).isEqualTo(Map.of("74951234567", "1002"));
        assertThat(callkeeper.toString()).doesNotContain("7da81d94b61fb43ee6431126b5c79f23");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "callkeeper.offices|1000,x|callkeeper.offices: 'x' is not a SIP number",
        "callkeeper.managers|74951234567|callkeeper.managers: entry 1 '74951234567' is not number:sip",
        "callkeeper.managers|74951234567:1,+74951234567:2|callkeeper.managers: number 74951234567 is given twice"})
    void badValuesStopTheDaemonNamingTheKey(String key, String value, String message) {
        Map<String, String> values = new HashMap<>(Map.of("callkeeper.keys", KEYS, "callkeeper.offices", "1000"));
        values.put(key, value);
        assertThatThrownBy(() -> Config.from(values)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void keysWithoutOfficesAreRefused() {
        assertThatThrownBy(() -> Config.from(Map.of("callkeeper.keys", KEYS))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("callkeeper.offices: required when callkeeper.keys is set");
    }
}
