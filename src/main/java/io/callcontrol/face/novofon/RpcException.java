package io.callcontrol.face.novofon;

import java.util.Map;

/**
 * A request the face answers with a JSON-RPC error: the contract's fault, the parameter it is about (null when none)
 * and a sentence for the developer saying what was wrong. {@code placeholders} fill the contract's message template.
 */
final class RpcException extends Exception {

    private final Fault fault;
    private final String field;
    private final Map<String, String> placeholders;

    RpcException(Fault fault, String field, String detail) {
        this(fault, field, detail, Map.of());
    }

    RpcException(Fault fault, String field, String detail, Map<String, String> placeholders) {
        // No stack trace: these are ordinary answers.
        super(detail, null, false, false);
        this.fault = fault;
        this.field = field;
        this.placeholders = Map.copyOf(placeholders);
    }

    Fault fault() {
        return fault;
    }

    /** The offending parameter, or null. */
    String field() {
        return field;
    }

    /** The contract's message with its {placeholders} filled in. */
    String contractMessage() {
        String message = fault.message;
        for (Map.Entry<String, String> entry : placeholders.entrySet()) {
            message = message.replace("{" + entry.getKey() + "}", entry.getValue());
        }
        return message;
    }
}
