package io.callcontrol.http.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callcontrol.http.FakeDialer;
import io.callcontrol.http.FakeHistory;
import io.callcontrol.http.RawHttp;
import io.callcontrol.http.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Slow, stuck, greedy and numerous clients against a real server on port 0, through raw sockets: each is cut off
 * within its bound while a well-behaved client keeps being served.
 */
class ResourceLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GET = "GET /api/sipList.json HTTP/1.1\r\nHost: test\r\n\r\n";

    @Test
    void aClientThatStallsHalfwayIsClosedWhileOthersAreServed() throws Exception {
        try (TestServers.Running server = start(Map.of("http.idle.timeout", "1s"));
             RawHttp stalled = new RawHttp(server.port(), 10_000)) {
            long start = System.nanoTime();
            stalled.send("GET /api/sipList.json HTTP/1.1\r\nHost: test\r\nX-Half: ");

            assertThat(server.client().get("/api/sipList.json").statusCode()).isEqualTo(200);
            assertThat(stalled.closedByServer()).isTrue();
            // 1 s, plus whatever a busy build machine adds; far below the 10 s the client would wait.
            assertThat(elapsedMillis(start)).isBetween(900L, 8_000L);
        }
    }

    @Test
    void aClientThatTricklesIsClosedAtTheDeadlineWhileOthersAreServed() throws Exception {
        try (TestServers.Running server = start(Map.of("http.idle.timeout", "1s"));
             RawHttp trickler = new RawHttp(server.port(), 10_000)) {
            long start = System.nanoTime();
            trickler.send("GET /api/sipList.json HTTP/1.1\r\nHost: test\r\nX-Slow: ");
            long closedAfter = -1;
            // A byte every 200 ms is never idle for the 1 s idle timeout; only the request deadline stops it.
            for (int i = 0; i < 40 && closedAfter < 0; i++) {
                try {
                    trickler.send("a");
                    assertThat(server.client().get("/api/sipList.json").statusCode()).isEqualTo(200);
                    Thread.sleep(200);
                } catch (IOException closed) {
                    closedAfter = elapsedMillis(start);
                }
            }
            if (closedAfter < 0 && trickler.closedByServer()) {
                closedAfter = elapsedMillis(start);
            }
            assertThat(closedAfter).as("closed after ms").isBetween(900L, 8_000L);
        }
    }

    @Test
    void theDeadlineEndsWhenTheRequestIsWholeNotWhenItIsAnswered() throws Exception {
        FakeHistory slowStore = new FakeHistory();
        slowStore.delayMillis = 4_000;
        try (TestServers.Running server = TestServers.start(Map.of("http.idle.timeout", "6s"), slowStore,
                new FakeDialer(), java.time.Clock.systemUTC());
             RawHttp slow = new RawHttp(server.port(), 15_000)) {
            // 2.4 s to send the request, 4 s to answer it: beyond the deadline in all, within it to arrive, and
            // never 6 s without traffic (slack of seconds both ways, for a loaded machine).
            for (String part : new String[] {"GET /api/sipList.json HTTP/1.1\r\n", "Host: test\r\n", "X-A: 1\r\n",
                    "X-B: 2\r\n", "\r\n"}) {
                slow.send(part);
                Thread.sleep(600);
            }

            RawHttp.Answer answer = slow.read();

            assertThat(answer).isNotNull();
            assertThat(answer.status()).isEqualTo(200);
        }
    }

    @Test
    void aFloodOfConnectionsBeyondTheCapIsClosedAndOthersAreServedAfterwards() throws Exception {
        List<RawHttp> held = new ArrayList<>();
        List<RawHttp> flood = new ArrayList<>();
        try (TestServers.Running server = start(Map.of("http.max.connections", "20", "http.idle.timeout", "30s"))) {
            try {
                for (int i = 0; i < 20; i++) {
                    RawHttp connection = new RawHttp(server.port(), 5_000);
                    held.add(connection);
                    connection.send(GET);
                    assertThat(connection.read().status()).isEqualTo(200);
                }
                for (int i = 0; i < 200; i++) {
                    flood.add(new RawHttp(server.port(), 5_000));
                }
                for (RawHttp refused : flood) {
                    assertThat(refused.closedByServer()).as("beyond the cap: closed at once").isTrue();
                }
                // The connections within the cap are still served during the flood.
                held.get(7).send(GET);
                assertThat(held.get(7).read().status()).isEqualTo(200);
            } finally {
                closeAll(held);
                closeAll(flood);
            }
            assertThat(servedWithin(server, 5_000)).as("served once the flood is over").isTrue();
        }
    }

    @Test
    void aTenMegabyteBodyIs413AndIsDiscardedNotStored() throws Exception {
        try (TestServers.Running server = start(Map.of());
             RawHttp greedy = new RawHttp(server.port(), 10_000)) {
            greedy.send("POST /api/sipList.json HTTP/1.1\r\nHost: test\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10485760\r\n\r\n");
            CompletableFuture<Void> body = CompletableFuture.runAsync(() -> sendQuietly(greedy, 10 << 20));

            RawHttp.Answer answer = greedy.read();

            assertThat(answer.status()).isEqualTo(413);
            assertThat(JSON.readTree(answer.body()).at("/error/code").asText()).isEqualTo("request_too_large");
            assertThat(JSON.readTree(answer.body()).at("/error/message").asText()).contains("65536 bytes");
            assertThat(server.client().get("/api/sipList.json").statusCode()).isEqualTo(200);
            body.get(20, TimeUnit.SECONDS);
            // The body was read and thrown away: the same connection answers the next request.
            greedy.send(GET);
            assertThat(greedy.read().status()).isEqualTo(200);
        }
    }

    @Test
    void aChunkedTenMegabyteBodyIs413Too() throws Exception {
        try (TestServers.Running server = start(Map.of());
             RawHttp greedy = new RawHttp(server.port(), 10_000)) {
            greedy.send("POST /api/sipList.xml HTTP/1.1\r\nHost: test\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
            CompletableFuture<Void> body = CompletableFuture.runAsync(() -> {
                byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    for (int i = 0; i < 160; i++) {
                        greedy.send(chunk);
                    }
                    greedy.send("0\r\n\r\n");
                } catch (IOException closed) {
                    // The server may close once it has answered; either way it stored no more than the limit.
                }
            });

            RawHttp.Answer answer = greedy.read();

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.text()).contains("<code>request_too_large</code>");
            body.get(20, TimeUnit.SECONDS);
            assertThat(server.client().get("/api/sipList.json").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anExpectContinueRequestTooLargeIsRefusedBeforeItsBody() throws Exception {
        try (TestServers.Running server = start(Map.of());
             RawHttp careful = new RawHttp(server.port(), 5_000)) {
            careful.send("POST /api/sipList.json HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10485760\r\n\r\n");

            assertThat(careful.read().status()).isEqualTo(413);
        }
    }

    @Test
    void aMegabyteOfHeadersIs431AndClosed() throws Exception {
        try (TestServers.Running server = start(Map.of());
             RawHttp greedy = new RawHttp(server.port(), 5_000)) {
            greedy.send("GET /api/sipList.json HTTP/1.1\r\nHost: test\r\n");
            CompletableFuture<Void> headers = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 1024; i++) {
                        greedy.send("X-Filler-" + i + ": " + "b".repeat(1000) + "\r\n");
                    }
                } catch (IOException closed) {
                    // Expected: the server closes after answering.
                }
            });

            RawHttp.Answer answer = greedy.read();

            assertThat(answer.status()).isEqualTo(431);
            assertThat(JSON.readTree(answer.body()).at("/error/code").asText()).isEqualTo("headers_too_large");
            headers.get(10, TimeUnit.SECONDS);
            assertThat(greedy.closedByServer()).isTrue();
            assertThat(server.client().get("/api/sipList.json").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anOverlongRequestLineIs414() throws Exception {
        try (TestServers.Running server = start(Map.of());
             RawHttp greedy = new RawHttp(server.port(), 5_000)) {
            greedy.send("GET /api/sipList.json?status=" + "x".repeat(100_000) + " HTTP/1.1\r\nHost: test\r\n\r\n");

            RawHttp.Answer answer = greedy.read();

            assertThat(answer.status()).isEqualTo(414);
            assertThat(JSON.readTree(answer.body()).at("/error/code").asText()).isEqualTo("uri_too_long");
        }
    }

    private static TestServers.Running start(Map<String, String> keys) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(keys);
        all.put("http.rate.per.minute", "0");
        all.put("http.rate.per.day", "0");
        return TestServers.start(all);
    }

    /** Polls with fresh connections: the server frees closed connections' slots as it notices them. */
    private static boolean servedWithin(TestServers.Running server, long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            try (RawHttp probe = new RawHttp(server.port(), 2_000)) {
                probe.send(GET);
                RawHttp.Answer answer = probe.read();
                if (answer != null && answer.status() == 200) {
                    return true;
                }
            } catch (IOException refusedMeanwhile) {
                // Still at the cap: try again.
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static void sendQuietly(RawHttp connection, int bytes) {
        byte[] block = new byte[64 * 1024];
        java.util.Arrays.fill(block, (byte) 'a');
        try {
            for (int sent = 0; sent < bytes; sent += block.length) {
                connection.send(block);
            }
        } catch (IOException closed) {
            throw new IllegalStateException("the server closed the connection instead of discarding the body", closed);
        }
    }

    private static void closeAll(List<RawHttp> connections) throws IOException {
        for (RawHttp connection : connections) {
            connection.close();
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
