package io.callcontrol.face.novofon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.face.JsonHttp;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * One JSON-RPC 2.0 request as the contract allows it: a single object (no batch) with {@code jsonrpc} "2.0", an
 * {@code id} (string or number: no notifications), a {@code method} and a {@code params} object, nothing else.
 */
record Envelope(JsonNode id, String method, ObjectNode params) {

    private static final Set<String> MEMBERS = Set.of("jsonrpc", "id", "method", "params");

    /** The request in {@code body}; the exception carries the id to answer with (null when none could be read). */
    static Envelope parse(byte[] body) throws Refused {
        JsonNode tree;
        try {
            tree = JsonHttp.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Refused(NullNode.instance, new RpcException(Fault.PARSE_ERROR, null,
                    "the body is not JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Refused(NullNode.instance, new RpcException(Fault.PARSE_ERROR, null, e.getMessage()));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new Refused(NullNode.instance, new RpcException(Fault.PARSE_ERROR, null, "the body is empty"));
        }
        if (tree.isArray()) {
            throw new Refused(NullNode.instance, new RpcException(Fault.BATCH_NOT_SUPPORTED, null,
                    "send one request object per HTTP request"));
        }
        if (!tree.isObject()) {
            throw invalid(NullNode.instance, null, "the request must be a JSON object");
        }
        JsonNode id = tree.get("id");
        JsonNode answerId = id != null && (id.isTextual() || id.isNumber()) ? id : NullNode.instance;
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw invalid(answerId, name, name + ": not a member of a JSON-RPC request");
            }
        }
        JsonNode version = tree.get("jsonrpc");
        if (version == null || !version.isTextual() || !"2.0".equals(version.asText())) {
            throw invalid(answerId, "jsonrpc", "jsonrpc: must be the string \"2.0\"");
        }
        if (id == null) {
            throw new Refused(NullNode.instance, new RpcException(Fault.NOTIFICATIONS_NOT_SUPPORTED, "id",
                    "a request without an id is a notification; give every request an id"));
        }
        if (answerId.isNull()) {
            throw invalid(answerId, "id", "id: must be a string or a number");
        }
        JsonNode method = tree.get("method");
        if (method == null || !method.isTextual() || method.asText().isEmpty()) {
            throw invalid(answerId, "method", "method: must be the method's name, a string");
        }
        JsonNode params = tree.get("params");
        if (params == null || !params.isObject()) {
            throw invalid(answerId, "params", "params: must be an object");
        }
        return new Envelope(id, method.asText(), (ObjectNode) params);
    }

    private static Refused invalid(JsonNode id, String field, String detail) {
        return new Refused(id, new RpcException(Fault.INVALID_REQUEST, field, detail));
    }

    /** A request refused before its method was looked at, and the id its answer carries. */
    static final class Refused extends Exception {
        final transient JsonNode id;
        final RpcException error;

        Refused(JsonNode id, RpcException error) {
            super(error.getMessage(), null, false, false);
            this.id = id;
            this.error = error;
        }
    }
}
