package io.callcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

    @Test
    void defaultsNeedNoFile() {
        Config config = Config.from(Map.of());

        assertThat(config.ami().host()).isEqualTo("127.0.0.1");
        assertThat(config.ami().port()).isEqualTo(5038);
        assertThat(config.storage().url()).isEqualTo("jdbc:sqlite:" + Path.of("data", "callcontrol.db"));
        assertThat(config.dial().operatorChannel("1000")).isEqualTo("PJSIP/1000");
        assertThat(config.dial().clientChannel("380639920000")).isEqualTo("PJSIP/380639920000@trunk");
        assertThat(config.dial().operatorRingTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.dial().maxRate()).as("dial.max.rate").isEqualTo(20);
        assertThat(config.ami().usesDefaultSecret()).isTrue();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "ami.hots|127.0.0.1|ami.hots: unknown key",
        "ami.port|70000|ami.port: 70000 is out of range 0..65535",
        "ami.port|five|ami.port: 'five' is not a whole number",
        "operator.ring.timeout|30 seconds|operator.ring.timeout: '30 seconds' is not a duration",
        "client.ring.timeout|0|client.ring.timeout: 0 is out of range",
        "dial.max.rate|0|dial.max.rate: 0 is out of range 1..1000",
        "dial.max.rate|-5|dial.max.rate: -5 is out of range 1..1000",
        "dial.max.rate|2.5|dial.max.rate: '2.5' is not a whole number",
        "client.channel|PJSIP/{phone}&PJSIP/1001|client.channel:",
        "client.channel|PJSIP/trunk|client.channel:",
        "operator.channel|PJSIP/{sip},t|operator.channel:",
        "operator.channel|Local/{sip}@operators|operator.channel: 'Local/{sip}@operators' is a Local channel",
        "operator.channel|local/{sip}@operators/n|operator.channel: 'local/{sip}@operators/n' is a Local channel",
        "storage.url|jdbc:mysql://x/db|storage.url:",
        "http.public.url|ftp://x|http.public.url:",
        "log.level|loud|log.level:",
        "log.file|/var/log/callcontrol/%d.log|log.file: '/var/log/callcontrol/%d.log' must not contain '%'",
        "log.file.max.size|10 parsecs|log.file.max.size: '10 parsecs' is not a size",
        "log.file.max.size|512|log.file.max.size: 512 is out of range",
        "log.file.max.size|99999999999999GB|log.file.max.size: 99999999999999GB is out of range",
        "log.file.max.history|0|log.file.max.history: 0 is out of range",
        "log.file.total.size|50MB|log.file.total.size: must be at least log.file.max.size",
        "ami.secret|''|ami.secret: must not be empty"})
    void badValuesStopTheDaemonNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> Config.from(Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void logGoesToStdoutOnlyUnlessAFileIsNamed() {
        LogConfig stdout = Config.from(Map.of()).log();
        LogConfig file = Config.load(null, Map.of("CALLCONTROL_LOG_FILE", "/var/log/callcontrol/callcontrol.log",
                "CALLCONTROL_LOG_FILE_MAX_SIZE", "10mb"), List.of("log.file.total.size=1 GB")).log();

        assertThat(stdout.toFile()).isFalse();
        assertThat(stdout.level()).isEqualTo("info");
        assertThat(stdout.maxFileBytes()).isEqualTo(100L << 20);
        assertThat(file.file()).isEqualTo(Path.of("/var/log/callcontrol/callcontrol.log"));
        assertThat(file.maxFileBytes()).isEqualTo(10L << 20);
        assertThat(file.maxHistoryDays()).isEqualTo(14);
        assertThat(file.totalBytes()).isEqualTo(1L << 30);
    }

    @Test
    void fileThenEnvironmentThenArgumentsWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("callcontrol.properties");
        Files.writeString(file, "ami.port = 5039\nhttp.port = 8081\nagi.port = 4574\n");

        Config config = Config.load(file, Map.of("CALLCONTROL_HTTP_PORT", "8082", "CALLCONTROL_AGI_PORT", "4575",
                "HOME", "/root"), List.of("agi.port=4576"));

        assertThat(config.ami().port()).isEqualTo(5039);
        assertThat(config.http().port()).isEqualTo(8082);
        assertThat(config.agi().port()).isEqualTo(4576);
    }

    @Test
    void unknownEnvironmentKeyIsRefusedToo() {
        assertThatThrownBy(() -> Config.load(null, Map.of("CALLCONTROL_AMI_HOTS", "x"), List.of()))
                .hasMessage("ami.hots: unknown key");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> Config.load(dir.resolve("nope.properties"), Map.of(), List.of()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void secretsNeverPrint() {
        Config config = Config.from(Map.of("ami.secret", "s3cret", "storage.password", "pw", "storage.url",
                "jdbc:postgresql://db/cc"));

        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("pw,").doesNotContain("=pw");
    }
}
