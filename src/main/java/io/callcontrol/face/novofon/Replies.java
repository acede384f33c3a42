package io.callcontrol.face.novofon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The contract's answer shapes: {@code result.data} or {@code error}, each with {@code metadata.limits}. */
final class Replies {

    private Replies() {
    }

    static ObjectNode result(JsonNode id, JsonNode data, ObjectNode limits) {
        ObjectNode answer = envelope(id);
        ObjectNode result = answer.putObject("result");
        result.set("data", data);
        result.set("metadata", metadata(limits));
        return answer;
    }

    /**
     * {@code error}: the contract's code and message; {@code data} its mnemonic, the parameter at fault (null when
     * none), a sentence saying what was wrong, and the metadata. The request's values are never echoed.
     */
    static ObjectNode error(JsonNode id, RpcException e, ObjectNode limits) {
        ObjectNode answer = envelope(id);
        ObjectNode error = answer.putObject("error").put("code", e.fault().code).put("message", e.contractMessage());
        ObjectNode data = error.putObject("data").put("mnemonic", e.fault().mnemonic).put("field", e.field());
        data.put("detail", e.getMessage());
        data.set("metadata", metadata(limits));
        return answer;
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0");
        answer.set("id", id);
        return answer;
    }

    /** An unknown caller's limits are the empty object: the contract's "empty object" convention. */
    private static ObjectNode metadata(ObjectNode limits) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.set("limits", limits == null ? JsonNodeFactory.instance.objectNode() : limits);
        return metadata;
    }
}
