package io.callcontrol.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A CRM's webhook endpoint on loopback (the JDK's own HTTP server): checks every request's signature the way the
 * README tells receivers to, keeps what it got, and answers as the test tells it to.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** How it answers. */
    public enum Mode {
        /** 200. */
        ACCEPT,
        /** 500: a passing failure. */
        FAIL,
        /** 400: the receiver refuses the request. */
        REFUSE,
        /** 503 with {@code Retry-After: 0}: "try again at once". */
        RETRY_AT_ONCE,
        /** Answers 200 only after {@link #HANG}: the sender has given up waiting by then. */
        HANG
    }

    static final Duration HANG = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_AGE_SECONDS = 300;

    /**
     * One request: its answer (0 when the sender had given up before it), whether its signature held, its events,
     * and when it arrived ({@link System#nanoTime}).
     */
    public record Request(int answered, boolean signed, long timestamp, JsonNode events, long arrivedNanos) {

        public List<Long> ids() {
            List<Long> ids = new ArrayList<>();
            events.forEach(e -> ids.add(e.get("id").asLong()));
            return ids;
        }

        public boolean acknowledged() {
            return answered >= 200 && answered < 300;
        }
    }

    private final String secret;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new ArrayList<>();
    private volatile Mode mode = Mode.ACCEPT;

    public WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The events of the acknowledged requests, in the order they were acknowledged. */
    public List<JsonNode> acknowledgedEvents() {
        List<JsonNode> events = new ArrayList<>();
        requests().stream().filter(Request::acknowledged).forEach(r -> r.events().forEach(events::add));
        return events;
    }

    /** Waits until some request satisfies {@code condition}. */
    public void await(Predicate<List<Request>> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(requests())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver did not see " + what + " in " + timeout + "; it got "
                        + requests());
            }
            Thread.sleep(10);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        Mode now = mode;
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String timestamp = exchange.getRequestHeaders().getFirst("X-Callcontrol-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Callcontrol-Signature");
        boolean signed = verify(timestamp, signature, body);
        int status = switch (now) {
            case ACCEPT, HANG -> 200;
            case FAIL -> 500;
            case REFUSE -> 400;
            case RETRY_AT_ONCE -> 503;
        };
        if (now == Mode.HANG) {
            try {
                Thread.sleep(HANG.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (requests) {
            requests.add(new Request(now == Mode.HANG ? 0 : status, signed,
                    timestamp == null ? 0 : Long.parseLong(timestamp), JSON.readTree(body).get("events"), arrived));
        }
        if (now == Mode.RETRY_AT_ONCE) {
            exchange.getResponseHeaders().add("Retry-After", "0");
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** What a receiver does: a fresh timestamp, and the HMAC of "timestamp.body" compared in constant time. */
    private boolean verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > MAX_AGE_SECONDS) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    signature.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
