package io.callcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConfigTest {

    private static StorageConfig storage(Map<String, String> values) {
        return Config.from(values).storage();
    }

    @Test
    void credentialsInsideAPostgresqlUrlBecomeUsernameAndPasswordAndLeaveTheUrl() {
        StorageConfig config = storage(Map.of("storage.url", "jdbc:postgresql://cc:s%40cret@db.example:5432/cc?ssl=true"));

        assertThat(config.url()).isEqualTo("jdbc:postgresql://db.example:5432/cc?ssl=true");
        assertThat(config.username()).isEqualTo("cc");
        assertThat(config.password()).isEqualTo("s@cret");
        assertThat(config.toString()).doesNotContain("s@cret").contains("db.example");
    }

    @Test
    void aPasswordParameterIsMaskedInTheShownUrlAndInMessages() {
        StorageConfig config = storage(Map.of("storage.url", "jdbc:postgresql://db/cc?user=cc&password=hunter2&ssl=true",
                "storage.pool.size", "4"));

        assertThat(config.safeUrl()).isEqualTo("jdbc:postgresql://db/cc?user=cc&password=***&ssl=true");
        assertThat(config.toString()).doesNotContain("hunter2");
        assertThat(config.redact("cannot connect to jdbc:postgresql://db/cc?user=cc&password=hunter2 now"))
                .isEqualTo("cannot connect to jdbc:postgresql://db/cc?user=cc&password=*** now");
    }

    @Test
    void theConfiguredPasswordIsMaskedWhereverAMessageRepeatsIt() {
        StorageConfig config = storage(Map.of("storage.url", "jdbc:postgresql://db/cc", "storage.username", "cc",
                "storage.password", "t0p-secret"));

        assertThat(config.redact("FATAL: no such user (tried t0p-secret)")).isEqualTo("FATAL: no such user (tried ***)");
        assertThat(config.toString()).doesNotContain("t0p-secret");
    }

    @Test
    void credentialsInTwoPlacesAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> storage(Map.of("storage.url", "jdbc:postgresql://cc:hunter2@db/cc",
                "storage.password", "other")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("in one place")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anUnknownSchemeIsRefusedWithoutShowingItsPassword() {
        assertThatThrownBy(() -> storage(Map.of("storage.url", "jdbc:mysql://db/cc?password=hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("neither jdbc:sqlite: nor jdbc:postgresql:")
                .hasMessageNotContaining("hunter2");
    }
}
