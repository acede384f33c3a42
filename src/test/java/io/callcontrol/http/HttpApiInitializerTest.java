package io.callcontrol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.http.monitor.HealthWatch;
import io.callcontrol.recording.Recording;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole pipeline on an EmbeddedChannel, fed raw HTTP/1.1 bytes. */
class HttpApiInitializerTest {

    private final FakeHistory history = new FakeHistory();
    private final Queue<Runnable> worker = new ArrayDeque<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void pipeline() {
        HttpConfig http = new HttpConfig("127.0.0.1", 8080, "", 1024, 2);
        history.recordings.add(new Recording(5, 42, "15", "15-42.wav", 100, 2000, Instant.EPOCH));
        HttpApiServer.Parts parts = new TestParts(http).history(history).build();
        channel = PeerChannel.of(PeerChannel.LOOPBACK,
                new HttpApiInitializer(parts, worker::add, new HealthWatch(parts.health(), parts.webhooks())));
    }

    @AfterEach
    void noLeaks() {
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void tooLargeBodyIs413WithTheErrorBodyAndKeepsTheConnection() {
        send("POST /api/sipList.xml HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 2000\r\n\r\n" + "a".repeat(2000));

        String response = received();
        assertThat(response).startsWith("HTTP/1.1 413 ")
                .contains("<code>request_too_large</code>")
                .contains("larger than 1024 bytes");
        assertThat(channel.isOpen()).isTrue();
        assertThat(worker).isEmpty();
    }

    @Test
    void malformedRequestIs400AndCloses() {
        send("GET /api/sipList.json HTTP/1.1\r\nHost: h\r\nBad Header\r\n\r\n");

        assertThat(received()).startsWith("HTTP/1.1 400 ").contains("\"code\":\"bad_request\"");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void oversizedHeadersAre431AndClose() {
        send("GET /api/sipList.json HTTP/1.1\r\nHost: h\r\nX-Long: " + "x".repeat(10_000) + "\r\n\r\n");

        assertThat(received()).startsWith("HTTP/1.1 431 ").contains("\"code\":\"headers_too_large\"")
                .contains("larger than 8192 bytes");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void overlongRequestLineIs414AndCloses() {
        send("GET /api/sipList.json?status=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(received()).startsWith("HTTP/1.1 414 ").contains("\"code\":\"uri_too_long\"");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void answersCarryTheBudgetsLeft() {
        send("GET /nothing HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(received()).startsWith("HTTP/1.1 404 ")
                .contains("X-RateLimit-Limit-Minute: 600", "X-RateLimit-Remaining-Minute: 599")
                .contains("X-RateLimit-Limit-Day: 100000", "X-RateLimit-Remaining-Day: 99999");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        send("GET /api/recordList.json HTTP/1.1\r\nHost: first\r\n\r\n"
                + "GET /api/nope.json HTTP/1.1\r\nHost: second\r\n\r\n"
                + "GET /api/recordList.xml HTTP/1.1\r\nHost: third\r\n\r\n");

        assertThat(worker).as("the second request waits for the first answer").hasSize(1);
        assertThat((Object) channel.readOutbound()).isNull();
        worker.poll().run();
        channel.runPendingTasks();
        // The unknown method is answered at once, then the third request reaches the worker.
        worker.poll().run();
        channel.runPendingTasks();

        String responses = received();
        int first = responses.indexOf("http://first/recordings/5.wav");
        int second = responses.indexOf("unknown_method");
        int third = responses.indexOf("<url>http://third/recordings/5.wav</url>");
        assertThat(first).isNotNegative();
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void http10WithoutKeepAliveIsClosedAfterTheAnswer() {
        send("GET /nothing HTTP/1.0\r\n\r\n");

        assertThat(received()).startsWith("HTTP/1.1 404 ")
                .contains("connection: close")
                .contains("\"code\":\"not_found\"");
        assertThat(channel.isOpen()).isFalse();
    }

    private void send(String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
    }

    private String received() {
        StringBuilder text = new StringBuilder();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) out;
            text.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return text.toString();
    }
}
