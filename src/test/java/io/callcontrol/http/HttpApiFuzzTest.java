package io.callcontrol.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.recording.Recording;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Thousands of random and hostile requests (methods, paths, parameter names and values, encodings, verbs,
 * framing, bodies, plain garbage) against a real server on port 0 whose Dialer only counts. Checks: no 5xx but
 * the deliberate 503 overloaded; exactly the fully valid makeCalls reach the Dialer; every error body parses in its
 * encoding; the server still answers afterwards. The seed is printed; {@code -Dfuzz.seed=N} replays a run and
 * {@code -Dfuzz.inputs=N} changes its size.
 */
class HttpApiFuzzTest {

    private static final long DEFAULT_SEED = 20_241_122L;
    private static final int DEFAULT_INPUTS = 5_000;
    private static final String KEY = "Fuzz-key_0123456789abcdef";
    private static final int CLIENTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger validSent = new AtomicInteger();
    private final AtomicInteger validOverloaded = new AtomicInteger();
    private final AtomicInteger callsAnswered200 = new AtomicInteger();
    private final Set<String> validKeys = ConcurrentHashMap.newKeySet();

    @TempDir
    Path root;

    /** Counts what reaches it: only valid makeCalls may. */
    private final FakeDialer dialer = new FakeDialer();

    @Test
    @Timeout(120)
    void hostileInputNeverBreaksTheServerNorReachesTheDialer() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int inputs = Integer.getInteger("fuzz.inputs", DEFAULT_INPUTS);
        System.out.println("HTTP API fuzz: seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        long started = System.nanoTime();
        try (TestServers.Running server = TestServers.start(Map.of("http.api.keys", "fuzz:" + KEY,
                "http.idle.timeout", "5s", "http.rate.per.minute", "100000000", "http.rate.per.day", "1000000000",
                "http.threads", "4", "recordings.dir", root.resolve("monitor").toString()), history(), dialer,
                Clock.systemUTC())) {
            FuzzInputs generator = new FuzzInputs(seed, KEY);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    done.add(clients.submit(() -> {
                        for (int i = client; i < inputs; i += CLIENTS) {
                            check(server.port(), generator.make(i));
                        }
                        return null;
                    }));
                }
                for (Future<?> client : done) {
                    client.get();
                }
            } finally {
                clients.shutdownNow();
            }
            stillServes(server);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("HTTP API fuzz: %d inputs fuzzed in %d ms (seed %d): %d fully valid makeCalls,"
                        + " %d reached the Dialer, %d closed without an answer, statuses %s%n", inputs, millis, seed,
                validSent.get(), callsAnswered200.get(), unanswered.get(), new TreeMap<>(statuses));

        assertThat(failures).as("failures (seed %d)", seed).isEmpty();
        // Only fully valid makeCalls reached the Dialer: each got its 200, the others were refused before it.
        assertThat(dialer.placed).hasSize(validSent.get() - validOverloaded.get() + 1);
        assertThat(callsAnswered200.get()).isEqualTo(validSent.get() - validOverloaded.get());
        assertThat(dialer.placed).extracting(CallRequest::externalKey).allMatch(validKeys::contains);
        assertThat(validSent.get()).as("enough valid calls to mean something").isGreaterThan(inputs / 20);
    }

    private void check(int port, FuzzInputs.Input input) {
        if (input.validCall()) {
            validSent.incrementAndGet();
            validKeys.add(input.validExternalKey());
        }
        RawHttp.Answer answer;
        try {
            answer = send(port, input);
        } catch (SocketTimeoutException e) {
            fail(input, "neither answered nor closed within 15 s");
            return;
        } catch (IOException e) {
            fail(input, "unreadable answer: " + e);
            return;
        }
        if (answer == null) {
            unanswered.incrementAndGet();
            if (!input.halfClose()) {
                fail(input, "closed without an answer");
            }
            return;
        }
        statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
        checkAnswer(input, answer);
    }

    private void checkAnswer(FuzzInputs.Input input, RawHttp.Answer answer) {
        int status = answer.status();
        String code = status >= 400 ? errorCode(input, answer) : null;
        if (status >= 500 && !(status == 503 && "overloaded".equals(code))) {
            fail(input, "answered " + status + ": " + answer.text());
        }
        if (input.makeCall()) {
            if (status == 200) {
                callsAnswered200.incrementAndGet();
            }
            if (input.validCall() && status == 503) {
                validOverloaded.incrementAndGet();
            } else if (input.validCall() && status != 200) {
                fail(input, "a valid makeCall was answered " + status + ": " + answer.text());
            } else if (!input.validCall() && status == 200) {
                fail(input, "an invalid makeCall was placed: " + answer.text());
            }
        }
    }

    /** The error body's code, after checking it parses in its encoding; null when the answer has none. */
    private String errorCode(FuzzInputs.Input input, RawHttp.Answer answer) {
        boolean noBody = input.head() || answer.status() == 416;
        if (noBody) {
            return null;
        }
        String type = answer.header("Content-Type");
        try {
            if (type != null && type.startsWith("application/json")) {
                expectEncoding(input, "json", answer);
                JsonNode error = JSON.readTree(answer.body()).path("error");
                requireText(input, error.path("message").asText(), answer);
                return requireText(input, error.path("code").asText(), answer);
            }
            if (type != null && type.startsWith("application/xml")) {
                expectEncoding(input, "xml", answer);
                Document xml = xml(answer.body());
                requireText(input, xml.getElementsByTagName("message").item(0).getTextContent(), answer);
                return requireText(input, xml.getElementsByTagName("code").item(0).getTextContent(), answer);
            }
            fail(input, "error " + answer.status() + " with Content-Type " + type + ": " + answer.text());
        } catch (Exception e) {
            fail(input, "error body does not parse as " + type + " (" + e + "): " + answer.text());
        }
        return null;
    }

    private void expectEncoding(FuzzInputs.Input input, String actual, RawHttp.Answer answer) {
        if (input.expectedEncoding() != null && !input.expectedEncoding().equals(actual)) {
            fail(input, "answered in " + actual + ", expected " + input.expectedEncoding() + ": " + answer.text());
        }
    }

    private String requireText(FuzzInputs.Input input, String text, RawHttp.Answer answer) {
        if (text == null || text.isBlank()) {
            fail(input, "error without code or message: " + answer.text());
        }
        return text;
    }

    /** Sends the input on a fresh connection and reads one answer; null when the server closed without one. */
    private static RawHttp.Answer send(int port, FuzzInputs.Input input) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            try {
                socket.getOutputStream().write(input.bytes());
                if (input.halfClose()) {
                    socket.shutdownOutput();
                }
            } catch (IOException closedEarly) {
                // The server may answer and close before it has read everything (a 4xx on the head alone).
            }
            try {
                return RawHttp.read(new BufferedInputStream(socket.getInputStream()), input.head());
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException reset) {
                return null;
            }
        }
    }

    /** A normal request and a valid call are still served, and the call reaches the Dialer. */
    private void stillServes(TestServers.Running server) throws Exception {
        ApiClient client = server.client();
        assertThat(client.get("/api/sipList.json", "X-API-Key", KEY).statusCode()).isEqualTo(200);
        var call = client.get("/api/makeCall.json?sip=1000&phone=380639920000&order_id=15&external_key=after",
                "X-API-Key", KEY);
        assertThat(call.statusCode()).as(ApiClient.text(call)).isEqualTo(200);
        validKeys.add("after");
        assertThat(dialer.placed).extracting(CallRequest::externalKey).contains("after");
    }

    private void fail(FuzzInputs.Input input, String what) {
        if (failures.size() < 50) {
            failures.add("input " + input.index() + " (" + input.kind() + "): " + what + "\n  sent: "
                    + printable(input.bytes()));
        }
    }

    private static String printable(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 600), StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out + (bytes.length > 600 ? "... (" + bytes.length + " bytes)" : "");
    }

    private static Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    private FakeHistory history() throws IOException {
        Files.write(Files.createDirectories(root.resolve("monitor")).resolve("15-42.wav"), new byte[100]);
        Files.writeString(root.resolve("secret.txt"), "top secret");
        FakeHistory history = new FakeHistory();
        history.recordings.add(new Recording(1, 42, "15", "15-42.wav", 100, 1000, Instant.EPOCH));
        history.recordings.add(new Recording(2, 43, "15", "../secret.txt", 10, 10, Instant.EPOCH));
        history.recordings.add(new Recording(3, 44, "16", "/etc/passwd", 10, 10, Instant.EPOCH));
        return history;
    }
}
