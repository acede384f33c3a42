package io.callcontrol.face.uis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.face.JsonHttp;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * One request as the contract has it: a JSON object with all of {@code jsonrpc} "2.0", {@code method}, an integer
 * {@code id} and a {@code params} object, and nothing else ("все эти поля обязательны").
 */
record Envelope(JsonNode id, String method, ObjectNode params) {

    private static final Set<String> MEMBERS = Set.of("jsonrpc", "id", "method", "params");

    /** The request in {@code body}; the exception carries the id to answer with (null when none could be read). */
    static Envelope parse(byte[] body) throws Refused {
        JsonNode tree;
        try {
            tree = JsonHttp.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Refused(NullNode.instance, UisError.PARSE, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Refused(NullNode.instance, UisError.PARSE, e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new Refused(NullNode.instance, UisError.PARSE, "the body is empty");
        }
        if (!tree.isObject()) {
            throw new Refused(NullNode.instance, UisError.INVALID_REQUEST,
                    "the request must be one JSON object (batches are not served)");
        }
        JsonNode id = tree.get("id");
        JsonNode answerId = id != null && id.isIntegralNumber() ? id : NullNode.instance;
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new Refused(answerId, UisError.INVALID_REQUEST, name + ": not a member of a request");
            }
        }
        JsonNode version = tree.get("jsonrpc");
        if (version == null || !version.isTextual() || !"2.0".equals(version.asText())) {
            throw new Refused(answerId, UisError.INVALID_REQUEST, "jsonrpc: is required, the string \"2.0\"");
        }
        if (answerId.isNull()) {
            throw new Refused(answerId, UisError.INVALID_REQUEST, "id: is required, an integer");
        }
        JsonNode method = tree.get("method");
        if (method == null || !method.isTextual() || method.asText().isEmpty()) {
            throw new Refused(answerId, UisError.INVALID_REQUEST, "method: is required, the method's name");
        }
        JsonNode params = tree.get("params");
        if (params == null || !params.isObject()) {
            throw new Refused(answerId, UisError.INVALID_REQUEST, "params: is required, an object");
        }
        return new Envelope(id, method.asText(), (ObjectNode) params);
    }

    /** A request refused before its method was looked at, and the id its answer carries. */
    static final class Refused extends Exception {
        final transient JsonNode id;
        final UisException error;

        Refused(JsonNode id, UisError error, String detail) {
            super(detail, null, false, false);
            this.id = id;
            this.error = new UisException(error, detail);
        }
    }
}
