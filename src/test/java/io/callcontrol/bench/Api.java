package io.callcontrol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** The CRM's side of the daemon's HTTP API: GET /api/{method}.json, answers parsed as JSON. */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    Api(String base) {
        this.base = base;
    }

    /** An answer: its status and body. */
    record Reply(int status, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON (" + status + "): " + new String(body, StandardCharsets.UTF_8));
            }
        }
    }

    Reply get(String method, Map<String, String> params) throws Exception {
        HttpResponse<byte[]> response = client.send(request(method, params), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.body());
    }

    CompletableFuture<Reply> getAsync(String method, Map<String, String> params) {
        return client.sendAsync(request(method, params), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Reply(r.statusCode(), r.body()));
    }

    /**
     * POST with a form body, as the API accepts it too: used for makeCall, which must not be sent twice (the JDK's
     * client may resend a GET, an idempotent method, when a connection closes before the answer).
     */
    CompletableFuture<Reply> postAsync(String method, Map<String, String> params) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/" + method + ".json"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Reply(r.statusCode(), r.body()));
    }

    /** The URL of a method with its parameters. */
    String url(String method, Map<String, String> params) {
        String query = form(params);
        return base + "/api/" + method + ".json" + (query.isEmpty() ? "" : "?" + query);
    }

    /** Parameters as a query string or form body. */
    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpRequest request(String method, Map<String, String> params) {
        return HttpRequest.newBuilder(URI.create(url(method, params))).timeout(Duration.ofSeconds(30)).GET().build();
    }
}
