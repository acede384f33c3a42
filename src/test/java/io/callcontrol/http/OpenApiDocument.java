package io.callcontrol.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bundled openapi.yaml, read as a tree, with its local {@code $ref}s resolved on demand. */
public final class OpenApiDocument {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    /** One operation: a path, an HTTP method, its definition, and the path item it belongs to. */
    public record Operation(String path, String method, JsonNode definition, JsonNode pathItem) {

        String id() {
            return definition.path("operationId").asText();
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path + " (" + id() + ")";
        }
    }

    public final byte[] yaml;
    public final JsonNode root;

    private OpenApiDocument(byte[] yaml, JsonNode root) {
        this.yaml = yaml;
        this.root = root;
    }

    public static OpenApiDocument bundled() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new AssertionError("openapi.yaml is not on the class path");
            }
            byte[] yaml = in.readAllBytes();
            return new OpenApiDocument(yaml, new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(field -> {
            if (HTTP_METHODS.contains(field.getKey())) {
                operations.add(new Operation(path.getKey(), field.getKey(), field.getValue(), path.getValue()));
            }
        }));
        return operations;
    }

    /** Whether the operation's path is a WebSocket ({@code x-websocket}): its GET is an upgrade. */
    public boolean webSocket(Operation operation) {
        return operation.pathItem().path("x-websocket").asBoolean(false);
    }

    /** The operation's parameters, path-level ones first, each resolved. */
    public List<JsonNode> parameters(Operation operation) {
        List<JsonNode> parameters = new ArrayList<>();
        operation.pathItem().path("parameters").forEach(p -> parameters.add(resolve(p)));
        operation.definition().path("parameters").forEach(p -> parameters.add(resolve(p)));
        return parameters;
    }

    /** The example of a parameter: its own, else its schema's. */
    public JsonNode example(JsonNode parameter) {
        JsonNode example = parameter.path("example");
        return example.isMissingNode() ? resolve(parameter.path("schema")).path("example") : example;
    }

    /** The form body's media type object, or a missing node when the operation takes no body. */
    public JsonNode formBody(Operation operation) {
        return resolve(operation.definition().path("requestBody")).path("content")
                .path("application/x-www-form-urlencoded");
    }

    /** The documented response for a status, resolved; a missing node when that status is not documented. */
    public JsonNode response(Operation operation, int status) {
        return resolve(operation.definition().path("responses").path(Integer.toString(status)));
    }

    /**
     * Whether calling the operation can change what the daemon holds: it documents a 409 (makeCall, releaseCall,
     * cancelCall). Which of them places calls is {@code OpenApiContractTest.placesCalls}.
     */
    public boolean changesState(Operation operation) {
        return !response(operation, 409).isMissingNode();
    }

    /** Its answer is Asterisk's state of the moment ({@code x-live}): two asks a second apart may differ. */
    public boolean live(Operation operation) {
        return operation.definition().path("x-live").asBoolean(false);
    }

    /** The success status: the lowest documented 2xx. */
    public int successStatus(Operation operation) {
        Iterator<String> statuses = operation.definition().path("responses").fieldNames();
        int lowest = Integer.MAX_VALUE;
        while (statuses.hasNext()) {
            String status = statuses.next();
            if (status.startsWith("2")) {
                lowest = Math.min(lowest, Integer.parseInt(status));
            }
        }
        return lowest;
    }

    /** Follows {@code $ref}s (only local ones, as this document has) until a definition. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("not a local $ref: " + ref);
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new AssertionError("$ref to nothing: " + ref);
            }
        }
        return current;
    }

    /** The name of a {@code #/components/schemas/X} reference, or null when the node is no such reference. */
    public static String schemaName(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/") ? ref.substring("#/components/schemas/".length()) : null;
    }

    /** The properties of an object schema, resolved, in document order. */
    public Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        resolve(schema).path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
        return properties;
    }
}
