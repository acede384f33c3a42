package io.callcontrol.http.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.Await;
import io.callcontrol.http.RawHttp;
import io.callcontrol.http.TestServers;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.metrics.PrometheusText;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who can take connection slots, against a real server on port 0. Every address of 127.0.0.0/8 is loopback, so
 * clients bound to 127.0.0.2, 127.0.0.3 ... are as many peers.
 */
class PeerLimitsTest {

    private static final String GET = "GET /api/sipList.json HTTP/1.1\r\nHost: test\r\n\r\n";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Metrics metrics = new Metrics();
    private final List<RawHttp> sockets = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (RawHttp socket : sockets) {
            socket.close();
        }
        metrics.close();
    }

    @Test
    void idleSocketsFromARefusedAddressNeverLockTheAllowedCrmOut() throws Exception {
        try (TestServers.Running server = start(Map.of("http.allow", "127.0.0.1/32", "http.max.connections", "50"))) {
            List<RawHttp> refused = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                refused.add(open("127.0.0.2", server));
            }

            // The CRM gets every one of the 50 slots while the 60 refused sockets are still open on their side.
            for (int i = 0; i < 50; i++) {
                assertThat(served(open("127.0.0.1", server))).as("CRM connection " + (i + 1)).isTrue();
            }
            for (RawHttp socket : refused) {
                assertThat(socket.closedByServer()).as("a refused peer is closed as it connects").isTrue();
            }
            PrometheusText text = PrometheusText.parse(metrics.scrape());
            assertThat(text.value("callcontrol_http_connections_refused_total", "reason", "not_allowed"))
                    .isEqualTo(60);
            assertThat(text.value("callcontrol_http_connections_refused_total", "reason", "total_limit")).isZero();
            assertThat(text.value("callcontrol_http_connections_open")).isEqualTo(50);
        }
    }

    @Test
    void onePeerAtItsCapLeavesTheOtherAllowedPeersServed() throws Exception {
        try (TestServers.Running server = start(Map.of("http.allow", "127.0.0.0/8", "http.max.connections", "50",
                "http.max.connections.per.peer", "5"))) {
            List<RawHttp> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                RawHttp connection = open("127.0.0.1", server);
                assertThat(served(connection)).isTrue();
                held.add(connection);
            }

            assertThat(open("127.0.0.1", server).closedByServer()).as("the sixth from one address").isTrue();
            assertThat(served(open("127.0.0.3", server))).as("another allowed address").isTrue();
            assertThat(served(held.get(2))).as("the five keep being served").isTrue();
            held.get(0).close();
            Await.until(() -> servedQuietly(server), PATIENCE, "a slot of 127.0.0.1 freed by closing one");
            assertThat(PrometheusText.parse(metrics.scrape())
                    .value("callcontrol_http_connections_refused_total", "reason", "per_peer_limit"))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void theTotalCapIsSharedOnlyByAllowedPeers() throws Exception {
        try (TestServers.Running server = start(Map.of("http.allow", "127.0.0.1/32,127.0.0.3/32",
                "http.max.connections", "4", "http.max.connections.per.peer", "3"))) {
            List<RawHttp> refused = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                refused.add(open("127.0.0.2", server));
            }
            for (RawHttp socket : refused) {
                assertThat(socket.closedByServer()).isTrue();
            }
            for (int i = 0; i < 3; i++) {
                assertThat(served(open("127.0.0.1", server))).isTrue();
            }
            assertThat(served(open("127.0.0.3", server))).isTrue();

            assertThat(open("127.0.0.3", server).closedByServer()).as("the fifth in all").isTrue();
            PrometheusText text = PrometheusText.parse(metrics.scrape());
            assertThat(text.value("callcontrol_http_connections_refused_total", "reason", "total_limit"))
                    .isEqualTo(1);
            assertThat(text.value("callcontrol_http_connections_refused_total", "reason", "not_allowed"))
                    .isEqualTo(20);
        }
    }

    private TestServers.Running start(Map<String, String> keys) throws Exception {
        Map<String, String> all = new HashMap<>(keys);
        all.put("http.rate.per.minute", "0");
        all.put("http.rate.per.day", "0");
        all.put("http.idle.timeout", "60s");
        return TestServers.start(all, server -> server.metrics(metrics));
    }

    private RawHttp open(String from, TestServers.Running server) throws IOException {
        RawHttp socket = new RawHttp(from, server.port(), 5_000);
        sockets.add(socket);
        return socket;
    }

    /** Whether a request on this connection is answered 200 (false when the server closed it instead). */
    private static boolean served(RawHttp connection) {
        try {
            connection.send(GET);
            RawHttp.Answer answer = connection.read();
            return answer != null && answer.status() == 200;
        } catch (IOException closed) {
            return false;
        }
    }

    private boolean servedQuietly(TestServers.Running server) {
        try {
            return served(open("127.0.0.1", server));
        } catch (IOException e) {
            return false;
        }
    }
}
