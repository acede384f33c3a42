package io.callcontrol.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callcontrol.Daemon;
import io.callcontrol.config.Config;
import io.callcontrol.testbed.AsteriskTestbed;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The daemon, in this JVM, wired to the real Asterisk testbed, with a small HTTP client for its API. */
public final class RunningDaemon implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Daemon daemon;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public RunningDaemon(Path dataDir, Map<String, String> overrides) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "data.dir", dataDir.toString(),
                "http.port", "0",
                "agi.port", Integer.toString(AsteriskTestbed.AGI_PORT),
                "recordings.dir", AsteriskTestbed.recordingsDir().toString(),
                "operator.ring.timeout", "5s",
                "client.ring.timeout", "7s",
                // the tests poll hard from loopback; rate limits have their own tests
                "http.rate.per.minute", "0",
                "http.rate.per.day", "0"));
        config.putAll(overrides);
        daemon = Daemon.start(Config.from(config), Clock.systemUTC());
        base = "http://127.0.0.1:" + daemon.httpPort();
    }

    /** A client for a daemon running in another process. */
    private RunningDaemon(int port) {
        daemon = null;
        base = "http://127.0.0.1:" + port;
    }

    public static RunningDaemon client(int port) {
        return new RunningDaemon(port);
    }

    /** Waits (bounded) until the daemon in this JVM can place calls: logged in to AMI, Asterisk fully booted. */
    public void awaitAmi() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!daemon.amiReady()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the daemon's AMI link was not ready for calls (logged in, Asterisk fully "
                        + "booted) in 30 s");
            }
            Thread.sleep(20);
        }
    }

    boolean inThisJvm() {
        return daemon != null;
    }

    public String base() {
        return base;
    }

    /** GET /api/{method}.json with the parameters; the parsed body, whatever the status. */
    public Reply get(String path, Map<String, String> params) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path + query(params)))
                .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    public Reply api(String method, Map<String, String> params) throws Exception {
        return get("/api/" + method + ".json", params);
    }

    public HttpResponse<byte[]> download(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15));
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        return "?" + new LinkedHashMap<>(params).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** An HTTP answer: status and body (parsed as JSON on demand). */
    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }
}
