package io.callcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP API's keys: access (keys, allow-list), rate limits and resource bounds. */
class HttpConfigTest {

    private static final String SECRET_A = "A1b2C3d4E5f6G7h8-crm";
    private static final String SECRET_B = "zzzzzzzzzzzzzzzz_ivr";

    @Test
    void defaultsAreLoopbackOnlyWithoutKeys() {
        HttpConfig http = http(Map.of());

        assertThat(http.keysRequired()).isFalse();
        assertThat(http.allow()).extracting(Cidr::toString)
                .containsExactly("127.0.0.0/8", "::1/128");
        assertThat(http.ratePerMinute()).isEqualTo(600);
        assertThat(http.ratePerDay()).isEqualTo(100_000);
        assertThat(http.maxConnections()).isEqualTo(1000);
        assertThat(http.maxConnectionsPerPeer()).isEqualTo(128);
        assertThat(new HttpConfig("127.0.0.1", 0, "", 1024, 1).maxConnectionsPerPeer()).isEqualTo(128);
        assertThat(http.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(http.ioThreads()).isEqualTo(1);
        assertThat(http.workerThreads()).isEqualTo(16);
        assertThat(new HttpConfig("127.0.0.1", 0, "", 1024, 1).allow()).isEqualTo(http.allow());
        assertThat(new HttpConfig("127.0.0.1", 0, "", 1024, 1).ioThreads()).isEqualTo(http.ioThreads());
    }

    @Test
    void severalKeysByName() {
        HttpConfig http = http(Map.of("http.api.keys", " crm:" + SECRET_A + " , ivr-2:" + SECRET_B));

        assertThat(http.keysRequired()).isTrue();
        assertThat(http.apiKeys()).extracting(HttpConfig.ApiKey::name).containsExactly("crm", "ivr-2");
        assertThat(http.apiKeys()).extracting(HttpConfig.ApiKey::secret).containsExactly(SECRET_A, SECRET_B);
    }

    @Test
    void secretsNeverPrint() {
        Config config = Config.from(Map.of("http.api.keys", "crm:" + SECRET_A + ",ivr:" + SECRET_B));

        assertThat(config.toString()).contains("crm", "ivr").doesNotContain(SECRET_A).doesNotContain(SECRET_B);
        assertThat(config.http().toString()).doesNotContain(SECRET_A);
        assertThat(config.http().apiKeys().toString()).doesNotContain(SECRET_A);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "crm|http.api.keys: entry 1 is not name:secret",
        "crm:short|http.api.keys: key 'crm': the secret must be 16 to 256 characters",
        "crm:A1b2C3d4E5f6G7h8 spaces|http.api.keys: key 'crm': the secret must be",
        "crm:A1b2C3d4E5f6G7h8;x|http.api.keys: key 'crm': the secret must be",
        "c r m:A1b2C3d4E5f6G7h8|http.api.keys: entry 1: the name must be 1 to 32 characters",
        ":A1b2C3d4E5f6G7h8|http.api.keys: entry 1: the name must be",
        "crm:A1b2C3d4E5f6G7h8,|http.api.keys: entry 2 is not name:secret",
        "crm:A1b2C3d4E5f6G7h8,crm:B1b2C3d4E5f6G7h8|http.api.keys: key 'crm' is given twice",
        "crm:A1b2C3d4E5f6G7h8,ivr:A1b2C3d4E5f6G7h8|http.api.keys: key 'ivr' has the same secret as another key"})
    void badKeysAreRefusedWithoutShowingTheSecret(String value, String message) {
        assertThatThrownBy(() -> http(Map.of("http.api.keys", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("A1b2C3d4E5f6G7h8").doesNotContain("short"));
    }

    @Test
    void allowListTakesIpv4Ipv6AndBareAddresses() throws Exception {
        HttpConfig http = http(Map.of("http.allow", "10.0.0.0/8, 192.168.1.7, fd00::/8, 2001:db8::1"));

        assertThat(http.allow()).extracting(Cidr::prefixLength).containsExactly(8, 32, 8, 128);
        assertThat(allowed(http, "10.255.1.2")).isTrue();
        assertThat(allowed(http, "11.0.0.1")).isFalse();
        assertThat(allowed(http, "192.168.1.7")).isTrue();
        assertThat(allowed(http, "192.168.1.8")).isFalse();
        assertThat(allowed(http, "fd12:3456::1")).isTrue();
        assertThat(allowed(http, "fe80::1")).isFalse();
        assertThat(allowed(http, "2001:db8::1")).isTrue();
        assertThat(allowed(http, "2001:db8::2")).isFalse();
        assertThat(allowed(http, "127.0.0.1")).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"::1, ::1/128", "fd00::/8, fd00::/8", "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128",
        "::, ::/128", "1:0:0:2:0:0:0:3, 1:0:0:2::3/128", "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8/128",
        "1:0:2:3:4:5:6:7, 1:0:2:3:4:5:6:7/128", "10.1.0.0/16, 10.1.0.0/16"})
    void rangesPrintShort(String configured, String printed) {
        assertThat(Cidr.parse("k", configured)).hasToString(printed);
    }

    @Test
    void rangesMatchBitByBit() throws Exception {
        Cidr range = Cidr.parse("k", "172.16.0.0/12");

        assertThat(range.contains(InetAddress.getByName("172.16.0.1"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(range.contains(InetAddress.getByName("172.15.255.255"))).isFalse();
        assertThat(range.contains(InetAddress.getByName("::ffff:172.16.0.1"))).as("IPv4-mapped").isTrue();
        assertThat(range.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(Cidr.parse("k", "0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("k", "0.0.0.0/0").contains(InetAddress.getByName("2001:db8::1"))).isFalse();
        assertThat(Cidr.parse("k", "::/0").contains(InetAddress.getByName("2001:db8::1"))).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''|http.allow: must not be empty",
        "10.0.0.0/33|http.allow: '10.0.0.0/33': the prefix length must be 0 to 32",
        "fd00::/129|http.allow: 'fd00::/129': the prefix length must be 0 to 128",
        "10.0.0.0/x|http.allow: '10.0.0.0/x': the prefix length must be 0 to 32",
        "10.0.0.1/8|http.allow: '10.0.0.1/8' has bits set after the prefix; did you mean 10.0.0.0/8?",
        "256.0.0.1|http.allow: '256.0.0.1' is not an IPv4 or IPv6 address or CIDR range",
        "localhost|http.allow: 'localhost' is not an IPv4 or IPv6 address",
        "example.com/8|http.allow: 'example.com/8' is not an IPv4 or IPv6 address",
        "10.0.0|http.allow: '10.0.0' is not an IPv4 or IPv6 address",
        "fe80::1%eth0|http.allow: 'fe80::1%eth0' is not an IPv4 or IPv6 address",
        "1:2:3:4:5:6:7:8:9|http.allow: '1:2:3:4:5:6:7:8:9' is not an IPv4 or IPv6 address",
        "'10.0.0.0/8,'|http.allow: '' is not an IPv4 or IPv6 address"})
    void badRangesAreRefused(String value, String message) {
        assertThatThrownBy(() -> http(Map.of("http.allow", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void limitsAndBounds() {
        HttpConfig http = http(Map.of("http.rate.per.minute", "0", "http.rate.per.day", "5000",
                "http.max.connections", "20", "http.idle.timeout", "1500ms", "http.io.threads", "4"));

        assertThat(http.ioThreads()).isEqualTo(4);
        assertThat(http.ratePerMinute()).isZero();
        assertThat(http.ratePerDay()).isEqualTo(5000);
        assertThat(http.maxConnections()).isEqualTo(20);
        assertThat(http.maxConnectionsPerPeer()).as("unset, it follows the total down").isEqualTo(20);
        assertThat(http.idleTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(http(Map.of("http.max.connections.per.peer", "1000")).maxConnectionsPerPeer()).isEqualTo(1000);
        assertThat(http(Map.of("http.max.connections.per.peer", "3")).maxConnectionsPerPeer()).isEqualTo(3);
    }

    @Test
    void aPerPeerCapAboveTheTotalIsRefusedNamingBoth() {
        assertThatThrownBy(() -> http(Map.of("http.max.connections", "50", "http.max.connections.per.peer", "51")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.max.connections.per.peer: 51 is more than http.max.connections (50)");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "http.rate.per.minute|-1|http.rate.per.minute: -1 is out of range",
        "http.rate.per.day|lots|http.rate.per.day: 'lots' is not a whole number",
        "http.max.connections|0|http.max.connections: 0 is out of range",
        "http.max.connections.per.peer|0|http.max.connections.per.peer: 0 is out of range",
        "http.max.connections.per.peer|many|http.max.connections.per.peer: 'many' is not a whole number",
        "http.idle.timeout|500ms|http.idle.timeout: 500ms is out of range",
        "http.io.threads|0|http.io.threads: 0 is out of range",
        "http.io.threads|65|http.io.threads: 65 is out of range",
        "http.api.key|x|http.api.key: unknown key"})
    void badLimitsAreRefusedNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> http(Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void keysComeFromTheEnvironmentToo() {
        Config config = Config.load(null, Map.of("CALLCONTROL_HTTP_API_KEYS", "crm:" + SECRET_A,
                "CALLCONTROL_HTTP_ALLOW", "0.0.0.0/0"), List.of());

        assertThat(config.http().apiKeys()).extracting(HttpConfig.ApiKey::name).containsExactly("crm");
        assertThat(config.http().allowText()).isEqualTo("0.0.0.0/0");
    }

    private static HttpConfig http(Map<String, String> values) {
        return Config.from(values).http();
    }

    private static boolean allowed(HttpConfig http, String address) throws Exception {
        InetAddress peer = InetAddress.getByName(address);
        return http.allow().stream().anyMatch(range -> range.contains(peer));
    }
}
