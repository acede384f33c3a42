package io.callcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AmiServersConfigTest {

    private static final Map<String, String> TWO = Map.of(
            "ami.servers", "pbx1, pbx2",
            "ami.pbx1.host", "10.0.0.1", "ami.pbx1.secret", "first-secret", "ami.pbx1.operators", "1000-1099,3*",
            "ami.pbx2.host", "10.0.0.2", "ami.pbx2.port", "5039", "ami.pbx2.username", "cc2",
            "ami.pbx2.secret", "second-secret", "ami.pbx2.read.timeout", "10s");

    @Test
    void theSingleServerKeysAreOneServerNamedDefault() {
        Config config = Config.from(Map.of("ami.host", "10.0.0.9", "ami.secret", "s3cret-s3cret"));

        assertThat(config.servers().servers()).singleElement().satisfies(server -> {
            assertThat(server.name()).isEqualTo("default");
            assertThat(server.ami()).isEqualTo(config.ami());
            assertThat(server.ami().host()).isEqualTo("10.0.0.9");
        });
        assertThat(config.servers().serverOf("1000")).map(AmiServerConfig::name).hasValue("default");
        assertThat(config.servers().several()).isFalse();
    }

    @Test
    void eachServerHasItsOwnSectionAndTheOperatorsPickTheirServer() {
        AmiServersConfig servers = Config.from(TWO).servers();

        assertThat(servers.servers()).extracting(AmiServerConfig::name).containsExactly("pbx1", "pbx2");
        AmiConfig second = servers.servers().get(1).ami();
        assertThat(second.host()).isEqualTo("10.0.0.2");
        assertThat(second.port()).isEqualTo(5039);
        assertThat(second.username()).isEqualTo("cc2");
        assertThat(second.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        AmiConfig first = servers.servers().get(0).ami();
        assertThat(first.port()).isEqualTo(5038);
        assertThat(first.readTimeout()).as("the daemon-wide ami.read.timeout").isEqualTo(Duration.ofSeconds(30));
        assertThat(servers.serverOf("1000")).map(AmiServerConfig::name).hasValue("pbx1");
        assertThat(servers.serverOf("1099")).map(AmiServerConfig::name).hasValue("pbx1");
        assertThat(servers.serverOf("3")).map(AmiServerConfig::name).hasValue("pbx1");
        assertThat(servers.serverOf("1100")).as("the rest").map(AmiServerConfig::name).hasValue("pbx2");
        assertThat(servers.serverOf("10000")).as("a range holds its own length only")
                .map(AmiServerConfig::name).hasValue("pbx2");
    }

    @Test
    void withEveryServerListingItsOperatorsAnUnlistedOneHasNone() {
        Map<String, String> values = new HashMap<>(TWO);
        values.put("ami.pbx2.operators", "2000");

        AmiServersConfig servers = Config.from(values).servers();

        assertThat(servers.serverOf("2000")).map(AmiServerConfig::name).hasValue("pbx2");
        assertThat(servers.serverOf("1100")).isEmpty();
    }

    @Test
    void theSecretsKeyIsNamedAsTheConfigNamesIt() {
        AmiServersConfig two = Config.from(TWO).servers();
        AmiServersConfig one = Config.from(Map.of()).servers();

        assertThat(two.secretKey(two.servers().get(1))).isEqualTo("ami.pbx2.secret");
        assertThat(one.secretKey(one.servers().get(0))).isEqualTo("ami.secret");
    }

    @Test
    void noSecretIsPrinted() {
        assertThat(Config.from(TWO).servers().toString()).doesNotContain("first-secret", "second-secret");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "ami.pbx1.host|''|ami.pbx1.host: must be set",
        "ami.pbx2.secret|''|ami.pbx2.secret: must be set",
        "ami.pbx2.port|70000|ami.pbx2.port: 70000 is out of range 0..65535",
        "ami.pbx1.operators|1000-999|ami.pbx1.operators: '1000-999' must run from a lower to a higher number",
        "ami.pbx1.operators|1099-1000|ami.pbx1.operators: '1099-1000' must run from a lower",
        "ami.pbx1.operators|10&0|ami.pbx1.operators: '10&0' is not an operator number",
        "ami.pbx1.operators|*1|ami.pbx1.operators: '*1' is not an operator number",
        "ami.pbx2.read.timeout|1s|ami.pbx2.read.timeout: 1s is out of range",
        "ami.pbx3.host|10.0.0.3|ami.pbx3.host: unknown key",
        "ami.host|10.0.0.3|ami.host: not used with ami.servers; give each server its own ami.<name>.host",
        "ami.secret|x|ami.secret: not used with ami.servers",
        "ami.servers|pbx1,pbx1|ami.servers: 'pbx1' is listed twice",
        "ami.servers|pbx1,PBX2|ami.servers: 'PBX2' must be 1 to 32 of a-z 0-9 _ -",
        "ami.servers|pbx1,,pbx2|ami.servers: '' must be 1 to 32",
        "ami.servers|default,pbx2|ami.servers: 'default' names the one server of the ami.* keys",
    })
    void aBadKeyIsRefusedByName(String key, String value, String message) {
        Map<String, String> values = new HashMap<>(TWO);
        values.put(key, value);

        assertThatThrownBy(() -> Config.from(values)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void onlyOneServerMayServeTheRest() {
        Map<String, String> values = new HashMap<>(TWO);
        values.remove("ami.pbx1.operators");

        assertThatThrownBy(() -> Config.from(values)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ami.servers: at most one server may go without ami.<name>.operators")
                .hasMessageContaining("[pbx1, pbx2]");
    }
}
