package io.callcontrol.face.novofon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A method's {@code params} read by their JSON type only: what a value means (a valid SIP number, phone, id) is
 * decided by the core's own validation. Names are dotted for nested members ({@code employee.id}).
 */
final class Params {

    private final ObjectNode node;
    private final String prefix;

    Params(ObjectNode node) {
        this(node, "");
    }

    private Params(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Refuses any member not in {@code allowed}, naming them all. */
    Params only(Set<String> allowed) throws RpcException {
        List<String> unexpected = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unexpected.add(prefix + name);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new RpcException(Fault.UNEXPECTED_PARAMETERS, unexpected.get(0), String.join(", ", unexpected)
                    + ": not a parameter of this method; its parameters are " + String.join(", ", sorted(allowed)));
        }
        return this;
    }

    /** A string member; null when absent or null. */
    String text(String name) throws RpcException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a string");
        }
        return value.asText();
    }

    String requiredText(String name) throws RpcException {
        return required(name, text(name));
    }

    /** A whole number; null when absent or null. */
    Long number(String name) throws RpcException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(name, "a whole number");
        }
        return value.asLong();
    }

    long requiredNumber(String name) throws RpcException {
        return required(name, number(name));
    }

    /** A nested object; null when absent or null. */
    Params object(String name) throws RpcException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(name, "an object");
        }
        return new Params((ObjectNode) value, prefix + name + ".");
    }

    Params requiredObject(String name) throws RpcException {
        return required(name, object(name));
    }

    /** The full (dotted) name of a member. */
    String name(String member) {
        return prefix + member;
    }

    private <T> T required(String name, T value) throws RpcException {
        if (value == null) {
            throw new RpcException(Fault.REQUIRED_PARAMETER_MISSED, prefix + name, prefix + name + ": is required");
        }
        return value;
    }

    private RpcException wrongType(String name, String expected) {
        return new RpcException(Fault.DATA_TYPE_ERROR, prefix + name,
                prefix + name + ": must be " + expected + ", not " + node.get(name).getNodeType().name().toLowerCase());
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
