package io.callcontrol.face.uis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The contract's answers. An error carries its code and message and the detail twice: as {@code data}, where the
 * contract's text puts it, and as {@code details}, where its printed example does, so a client reading either
 * finds it. The request's values are never echoed.
 */
final class Replies {

    private Replies() {
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode answer = envelope(id);
        answer.set("result", result);
        return answer;
    }

    static ObjectNode error(JsonNode id, UisException e) {
        ObjectNode answer = envelope(id);
        answer.putObject("error").put("code", e.error().code).put("message", e.error().message)
                .put("data", e.getMessage()).put("details", e.getMessage());
        return answer;
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0");
        answer.set("id", id);
        return answer;
    }
}
