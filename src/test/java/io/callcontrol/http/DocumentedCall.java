package io.callcontrol.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A request built from an operation's documentation alone: its path, query and header parameters, or its form
 * body, filled with the documented examples. Parameters go where the operation documents them: the form body
 * for an operation that has one, else the query.
 */
record DocumentedCall(OpenApiDocument.Operation operation, Map<String, String> pathParams, Map<String, String> params,
                      Map<String, String> headers) {

    private static final AtomicInteger KEYS = new AtomicInteger();

    DocumentedCall {
        pathParams = Map.copyOf(pathParams);
        params = new LinkedHashMap<>(params);
        headers = Map.copyOf(headers);
    }

    /**
     * The operation called with every documented example, then with the required parameters only (the two are
     * one call when every parameter is required). Without a format: see {@link #in}.
     */
    static List<DocumentedCall> examples(OpenApiDocument doc, OpenApiDocument.Operation operation) {
        List<DocumentedCall> calls = new ArrayList<>();
        calls.add(build(doc, operation, false));
        DocumentedCall required = build(doc, operation, true);
        if (!required.equals(calls.get(0))) {
            calls.add(required);
        }
        return calls;
    }

    private static DocumentedCall build(OpenApiDocument doc, OpenApiDocument.Operation operation,
            boolean requiredOnly) {
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode parameter : doc.parameters(operation)) {
            String name = parameter.get("name").asText();
            boolean required = parameter.path("required").asBoolean(false);
            JsonNode example = doc.example(parameter);
            switch (parameter.get("in").asText()) {
                case "path" -> path.put(name, example.isMissingNode() ? null : text(example));
                case "query" -> {
                    if ((required || !requiredOnly) && !example.isMissingNode()) {
                        params.put(name, text(example));
                    }
                }
                case "header" -> {
                    if ((required || !requiredOnly) && !example.isMissingNode()) {
                        headers.put(name, text(example));
                    }
                }
                default -> throw new AssertionError(operation + ": parameter in " + parameter.get("in"));
            }
        }
        JsonNode form = doc.formBody(operation);
        if (!form.isMissingNode()) {
            JsonNode schema = doc.resolve(form.path("schema"));
            List<String> required = StreamSupport.stream(schema.path("required").spliterator(), false)
                    .map(JsonNode::asText).toList();
            form.path("example").fields().forEachRemaining(field -> {
                if (!requiredOnly || required.contains(field.getKey())) {
                    params.put(field.getKey(), text(field.getValue()));
                }
            });
        }
        return new DocumentedCall(operation, path, params, headers);
    }

    /** The documented values of the {@code format} path parameter, or one null when the path has none. */
    static List<String> formats(OpenApiDocument doc, OpenApiDocument.Operation operation) {
        List<String> formats = new ArrayList<>();
        for (JsonNode parameter : doc.parameters(operation)) {
            if (parameter.get("name").asText().equals("format") && parameter.get("in").asText().equals("path")) {
                doc.resolve(parameter.get("schema")).get("enum").forEach(f -> formats.add(f.asText()));
            }
        }
        if (formats.isEmpty()) {
            formats.add(null);
        }
        return formats;
    }

    /** This call with the answer asked for in {@code format} (null: the path has no format). */
    DocumentedCall in(String format) {
        if (format == null) {
            return this;
        }
        Map<String, String> path = new LinkedHashMap<>(pathParams);
        path.put("format", format);
        return new DocumentedCall(operation, path, params, headers);
    }

    /** This call with one parameter set (null: removed). */
    DocumentedCall with(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(params);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new DocumentedCall(operation, pathParams, changed, headers);
    }

    /** A call that can be placed again: a new external_key, when the call has one. */
    DocumentedCall withNewExternalKey() {
        return params.containsKey("external_key") ? with("external_key", "key-" + KEYS.incrementAndGet()) : this;
    }

    /** This call with one header parameter set instead of its documented example. */
    DocumentedCall withHeader(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.put(name, value);
        return new DocumentedCall(operation, pathParams, params, changed);
    }

    boolean hasFormBody(OpenApiDocument doc) {
        return !doc.formBody(operation).isMissingNode();
    }

    /** Whether the operation needs an API key: it does unless it documents an empty security list. */
    boolean needsKey() {
        JsonNode security = operation.definition().path("security");
        return security.isMissingNode() || !security.isEmpty();
    }

    String path() {
        String path = operation.path();
        for (Map.Entry<String, String> param : pathParams.entrySet()) {
            path = path.replace("{" + param.getKey() + "}", param.getValue());
        }
        return path;
    }

    /** Sends it with {@code extraHeaders} (name, value, ...) besides the documented ones. */
    HttpResponse<byte[]> send(OpenApiDocument doc, ApiClient client, String... extraHeaders) throws Exception {
        List<String> all = new ArrayList<>(List.of(extraHeaders));
        headers.forEach((name, value) -> {
            all.add(name);
            all.add(value);
        });
        String[] headerArray = all.toArray(String[]::new);
        String encoded = encode(params);
        return switch (operation.method()) {
            case "get" -> client.get(path() + (encoded.isEmpty() ? "" : "?" + encoded), headerArray);
            case "head" -> client.method("HEAD", path() + (encoded.isEmpty() ? "" : "?" + encoded), headerArray);
            case "post" -> hasFormBody(doc)
                    ? client.postForm(path(), encoded, headerArray)
                    : client.method("POST", path() + (encoded.isEmpty() ? "" : "?" + encoded), headerArray);
            default -> throw new AssertionError(operation + ": no way to send it");
        };
    }

    /** Sends it with the API key in the X-API-Key header when the operation needs one. */
    HttpResponse<byte[]> send(OpenApiDocument doc, ApiClient client) throws Exception {
        return needsKey() ? send(doc, client, SeededDaemon.AUTH) : send(doc, client, new String[0]);
    }

    static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** An example as the wire carries it: a list (style form, explode false) is a comma list. */
    private static String text(JsonNode example) {
        if (example.isArray()) {
            return StreamSupport.stream(example.spliterator(), false).map(JsonNode::asText)
                    .collect(Collectors.joining(","));
        }
        return example.asText();
    }

    @Override
    public String toString() {
        return operation.method().toUpperCase() + " " + path() + " " + params
                + (headers.isEmpty() ? "" : " " + headers);
    }
}
