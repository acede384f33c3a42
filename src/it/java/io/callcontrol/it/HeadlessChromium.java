package io.callcontrol.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Debian's {@code chromium}, headless, driven over the Chrome DevTools Protocol on the JDK's own WebSocket client:
 * one page, navigated, read and shot by JavaScript the test evaluates in it. Closing it ends the browser.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLY = Duration.ofSeconds(20);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final String session;
    /** What the page logged and threw, and the browser's own log: told when a wait fails. */
    private final List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();

    HeadlessChromium(Path profile, int width, int height) throws Exception {
        this.profile = profile;
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        process = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--autoplay-policy=no-user-gesture-required",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
                .start();
        Path port = profile.resolve("DevToolsActivePort");
        Await.until(() -> Files.exists(port) && lines(port).size() >= 2, Duration.ofSeconds(30),
                "Chromium writes its DevTools port");
        List<String> active = lines(port);
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + active.get(0) + active.get(1)), new Listener())
                .get(REPLY.toSeconds(), TimeUnit.SECONDS);
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        resize(width, height, false);
        call(session, "Page.enable", Map.of());
        call(session, "Runtime.enable", Map.of());
        call(session, "Log.enable", Map.of());
    }

    /** The page's viewport; {@code mobile}: as a phone shows it (meta viewport honoured). */
    void resize(int width, int height, boolean mobile) throws Exception {
        call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", mobile ? 2 : 1, "mobile", mobile));
    }

    /** Starts loading {@code url} in the page. */
    void navigate(String url) throws Exception {
        call(session, "Page.navigate", Map.of("url", url));
    }

    /** The value of a JavaScript expression in the page (a promise is awaited); thrown errors fail the test. */
    JsonNode eval(String expression) throws Exception {
        JsonNode reply = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (reply.has("exceptionDetails")) {
            throw new AssertionError("in the page: " + expression + ": " + reply.get("exceptionDetails"));
        }
        JsonNode value = reply.at("/result/value");
        return value.isMissingNode() ? JSON.nullNode() : value;
    }

    /** Waits until the expression is true in the page (a page still loading counts as false). */
    void awaitTrue(String expression, Duration patience, String what) throws InterruptedException {
        try {
            Await.until(() -> {
                try {
                    return eval(expression).asBoolean(false);
                } catch (Exception | AssertionError notYet) {
                    return false;
                }
            }, patience, what);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the page at " + describe() + "; its log: " + console, e);
        }
    }

    private String describe() {
        try {
            return eval("location.href + ' ' + document.body.innerText.substring(0, 2000)").asText();
        } catch (Exception | AssertionError e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The whole page as PNG. */
    byte[] screenshot() throws Exception {
        JsonNode shot = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport",
                true));
        return Base64.getDecoder().decode(shot.get("data").asText());
    }

    private JsonNode call(String sessionId, String method, Map<String, Object> params) throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(REPLY.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = reply.get(REPLY.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new AssertionError("CDP " + method + ": " + answer.get("error"));
        }
        return answer.get("result");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException stillBeingWritten) {
            return List.of();
        }
    }

    /** Replies by id; of the events, what the page and the browser log. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> reply = message.has("id")
                            ? waiting.remove(message.get("id").asLong()) : null;
                    if (reply != null) {
                        reply.complete(message);
                    } else if (message.has("method") && !message.get("method").asText().startsWith("Page.")
                            && !message.get("method").asText().startsWith("Target.")
                            && !message.get("method").asText().equals("Runtime.executionContextCreated")
                            && !message.get("method").asText().startsWith("Runtime.executionContext")) {
                        console.add(message.get("method").asText() + " " + message.get("params"));
                    }
                } catch (IOException e) {
                    waiting.values().forEach(w -> w.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception alreadyGone) {
            // the browser is ended below either way
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
