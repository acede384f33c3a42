package io.callcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookConfigTest {

    private static final String SECRET = "0123456789abcdef";

    @Test
    void offByDefault() {
        WebhookConfig webhooks = Config.from(Map.of()).webhooks();

        assertThat(webhooks.enabled()).isFalse();
        assertThat(webhooks.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(webhooks.retryMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(webhooks.retryMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(webhooks.batch()).isEqualTo(100);
        assertThat(webhooks.kinds()).isEqualTo(31);
    }

    @Test
    void aListOfTargetsWithTheirSecretAndTimings() {
        WebhookConfig webhooks = Config.from(Map.of(
                "webhook.urls", "https://crm.example/hook?token=abc, http://10.0.0.5:8081/cc",
                "webhook.secret", SECRET, "webhook.timeout", "2500ms", "webhook.retry.min", "200ms",
                "webhook.retry.max", "1m", "webhook.batch", "1", "webhook.kinds", "63")).webhooks();

        assertThat(webhooks.urls()).containsExactly(URI.create("https://crm.example/hook?token=abc"),
                URI.create("http://10.0.0.5:8081/cc"));
        assertThat(webhooks.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(webhooks.retryMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(webhooks.kinds()).isEqualTo(63);
        assertThat(webhooks.toString()).contains("https://crm.example/hook?...", "http://10.0.0.5:8081/cc")
                .doesNotContain(SECRET).doesNotContain("token");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "webhook.urls|ftp://crm/hook|webhook.urls: entry 1 must be an http:// or https:// URL with a host",
        "webhook.urls|https://crm/a,crm/b|webhook.urls: entry 2 must be an http:// or https:// URL with a host",
        "webhook.urls|https://crm/a b|webhook.urls: entry 1 is not a URL",
        "webhook.urls|https://u:p@crm/a|webhook.urls: entry 1 must have no #fragment and no user@",
        "webhook.urls|https://crm/a,https://crm/a|webhook.urls: entry 2 (https://crm/a) is given twice",
        "webhook.timeout|0|webhook.timeout: 0 is out of range",
        "webhook.batch|0|webhook.batch: 0 is out of range 1..1000",
        "webhook.kinds|64|webhook.kinds: 64 is out of range 1..63",
        "webhook.retry.max|500ms|webhook.retry.max: PT0.5S is shorter than webhook.retry.min PT1S",
        "webhook.uri|https://crm/a|webhook.uri: unknown key"})
    void badValuesStopTheDaemonNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> Config.from(Map.of(key, value, "webhook.secret", SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void targetsNeedASecretThatIsNeverEchoed() {
        assertThatThrownBy(() -> Config.from(Map.of("webhook.urls", "https://crm/a")))
                .hasMessage("webhook.secret: must be 16 to 256 printable ASCII characters without spaces when"
                        + " webhook.urls is set (it is empty)");
        assertThatThrownBy(() -> Config.from(Map.of("webhook.urls", "https://crm/a", "webhook.secret", "short secret")))
                .hasMessageStartingWith("webhook.secret: must be").hasMessageNotContaining("short");
    }
}
