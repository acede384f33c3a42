package io.callcontrol.face.uis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A method's {@code params} read by their JSON type only ("параметр имеет неверный тип" is Invalid params); what a
 * value means is decided by the core's own validation.
 */
final class Params {

    private final ObjectNode node;

    Params(ObjectNode node) {
        this.node = node;
    }

    /** Refuses any member not in {@code allowed}, naming them all. */
    Params only(Set<String> allowed) throws UisException {
        List<String> unexpected = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            throw invalid(String.join(", ", unexpected) + ": not a parameter of this method; its parameters are "
                    + String.join(", ", allowed.stream().sorted().toList()));
        }
        return this;
    }

    /** Whether the member is given with a value other than null. */
    boolean given(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** The raw member; null when absent or null. */
    JsonNode value(String name) {
        return given(name) ? node.get(name) : null;
    }

    /** A string member; null when absent or null. */
    String text(String name) throws UisException {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a string");
        }
        return value.asText();
    }

    String requiredText(String name) throws UisException {
        return required(name, text(name));
    }

    /** A boolean member; null when absent or null. */
    Boolean bool(String name) throws UisException {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(name, "a boolean");
        }
        return value.asBoolean();
    }

    boolean requiredBool(String name) throws UisException {
        return required(name, bool(name));
    }

    static UisException invalid(String detail) {
        return new UisException(UisError.INVALID_PARAMS, detail);
    }

    private static <T> T required(String name, T value) throws UisException {
        if (value == null) {
            throw invalid(name + ": is required");
        }
        return value;
    }

    private UisException wrongType(String name, String expected) {
        return invalid(name + ": must be " + expected + ", not " + node.get(name).getNodeType().name().toLowerCase());
    }
}
