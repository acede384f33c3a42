package io.callcontrol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.config.HttpConfig;
import io.netty.channel.local.LocalAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Recording links: one formatter for answers and for webhooks, IPv6 in brackets in both. */
class BaseUrlTest {

    private static final HttpConfig V6 = new HttpConfig("::1", 8080, "", 1024, 2);

    @Test
    void publicUrlWinsEverywhere() {
        HttpConfig http = new HttpConfig("::1", 8080, "https://pbx.example.com", 1024, 2);

        assertThat(BaseUrl.of(http, "other:1", null)).isEqualTo("https://pbx.example.com");
        assertThat(BaseUrl.listening(http, 9000)).isEqualTo("https://pbx.example.com");
    }

    @Test
    void hostHeaderThenArrivalAddress() {
        assertThat(BaseUrl.of(V6, "pbx:8080", null)).isEqualTo("http://pbx:8080");
        assertThat(BaseUrl.of(V6, "bad host/", new InetSocketAddress("fe80::1%1", 8080)))
                .isEqualTo("http://[fe80:0:0:0:0:0:0:1]:8080");
        assertThat(BaseUrl.of(V6, null, new InetSocketAddress("127.0.0.1", 8081))).isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void anIpv6BindIsBracketedInBothFallbacks() {
        assertThat(BaseUrl.listening(V6, 9000)).isEqualTo("http://[::1]:9000");
        assertThat(BaseUrl.of(V6, null, new LocalAddress("x"))).isEqualTo("http://[::1]:8080");
        assertThat(BaseUrl.listening(new HttpConfig("127.0.0.1", 0, "", 1024, 2), 9000))
                .isEqualTo("http://127.0.0.1:9000");
    }
}
