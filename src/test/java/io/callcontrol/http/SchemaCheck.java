package io.callcontrol.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks an answer against an openapi.yaml schema, strictly: every required property is there, no property is
 * there that the schema does not name, and every value has the documented type, limits, pattern and format,
 * recursively. Works on JSON and, by the schemas' {@code xml} names, on the XML encoding of the same data.
 * Remembers the component schemas some value matched, so a test can tell that every schema was exercised.
 */
final class SchemaCheck {

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final OpenApiDocument doc;
    private final Set<String> matched = new TreeSet<>();

    SchemaCheck(OpenApiDocument doc) {
        this.doc = doc;
    }

    /** The component schemas that some checked value matched. */
    Set<String> matched() {
        return matched;
    }

    /** What is wrong with a JSON value; empty when it matches. */
    List<String> json(JsonNode value, JsonNode schema) {
        Set<String> names = new HashSet<>();
        List<String> problems = json(value, schema, "", names);
        if (problems.isEmpty()) {
            matched.addAll(names);
        }
        return problems;
    }

    /** What is wrong with an XML document's root element; empty when it matches. */
    List<String> xml(Element root, JsonNode schema) {
        Set<String> names = new HashSet<>();
        List<String> problems = new ArrayList<>();
        Set<String> rootNames = new TreeSet<>();
        JsonNode resolved = doc.resolve(schema);
        if (resolved.has("oneOf")) {
            resolved.get("oneOf").forEach(alternative -> rootNames.add(xmlName(alternative, null)));
        } else {
            rootNames.add(xmlName(schema, null));
        }
        if (!rootNames.contains(root.getLocalName())) {
            problems.add("root element <" + root.getLocalName() + ">, documented " + rootNames);
        }
        problems.addAll(xml(root, schema, "/" + root.getLocalName(), names));
        if (problems.isEmpty()) {
            matched.addAll(names);
        }
        return problems;
    }

    private List<String> json(JsonNode value, JsonNode schemaRef, String where, Set<String> names) {
        JsonNode schema = doc.resolve(schemaRef);
        List<String> problems = new ArrayList<>();
        if (schema.has("oneOf")) {
            oneOf(schema, where, names, problems, (alternative, seen) -> json(value, alternative, where, seen));
        } else if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(where + ": null, but not documented nullable");
            }
        } else {
            switch (schema.path("type").asText("")) {
                case "object" -> object(value, schema, where, names, problems);
                case "array" -> {
                    if (!value.isArray()) {
                        problems.add(where + ": " + value.getNodeType() + ", documented an array");
                    } else {
                        for (int i = 0; i < value.size(); i++) {
                            problems.addAll(json(value.get(i), schema.get("items"), where + "/" + i, names));
                        }
                    }
                }
                default -> scalar(value, schema, where, problems);
            }
        }
        remember(schemaRef, problems, names);
        return problems;
    }

    private void object(JsonNode value, JsonNode schema, String where, Set<String> names, List<String> problems) {
        if (!value.isObject()) {
            problems.add(where + ": " + value.getNodeType() + ", documented an object");
            return;
        }
        if (!schema.has("properties") && schema.path("additionalProperties").asBoolean(true)) {
            return; // a free-form object, such as the OpenAPI description itself
        }
        Map<String, JsonNode> properties = doc.properties(schema);
        schema.path("required").forEach(r -> {
            if (!value.has(r.asText())) {
                problems.add(where + "/" + r.asText() + ": required, missing");
            }
        });
        value.fields().forEachRemaining(field -> {
            JsonNode property = properties.get(field.getKey());
            if (property == null) {
                problems.add(where + "/" + field.getKey() + ": not documented");
            } else {
                problems.addAll(json(field.getValue(), property, where + "/" + field.getKey(), names));
            }
        });
    }

    private List<String> xml(Element element, JsonNode schemaRef, String where, Set<String> names) {
        JsonNode schema = doc.resolve(schemaRef);
        List<String> problems = new ArrayList<>();
        if (schema.has("oneOf")) {
            oneOf(schema, where, names, problems, (alternative, seen) -> xml(element, alternative, where, seen));
        } else if ("true".equals(element.getAttributeNS(XSI, "nil"))) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(where + ": xsi:nil, but not documented nullable");
            }
        } else {
            switch (schema.path("type").asText("")) {
                case "object" -> xmlObject(element, schema, where, names, problems);
                case "array" -> {
                    if (!schema.path("xml").path("wrapped").asBoolean(false)) {
                        problems.add(where + ": a list, wrapped in its own element, but not documented xml wrapped");
                    }
                    String item = xmlName(schema.get("items"), null);
                    for (Element child : children(element)) {
                        if (!child.getLocalName().equals(item)) {
                            problems.add(where + "/" + child.getLocalName() + ": documented <" + item + "> items");
                        } else {
                            problems.addAll(xml(child, schema.get("items"), where + "/" + item, names));
                        }
                    }
                }
                default -> {
                    if (!children(element).isEmpty()) {
                        problems.add(where + ": has elements, documented a " + schema.path("type").asText());
                    } else {
                        scalar(xmlScalar(element.getTextContent(), schema), schema, where, problems);
                    }
                }
            }
        }
        remember(schemaRef, problems, names);
        return problems;
    }

    private void xmlObject(Element element, JsonNode schema, String where, Set<String> names, List<String> problems) {
        Map<String, JsonNode> properties = doc.properties(schema);
        Set<String> present = new HashSet<>();
        for (Element child : children(element)) {
            String name = child.getLocalName();
            JsonNode property = properties.get(name);
            if (property == null) {
                problems.add(where + "/" + name + ": not documented");
            } else if (!present.add(name)) {
                problems.add(where + "/" + name + ": more than once");
            } else {
                problems.addAll(xml(child, property, where + "/" + name, names));
            }
        }
        schema.path("required").forEach(r -> {
            if (!present.contains(r.asText())) {
                problems.add(where + "/" + r.asText() + ": required, missing");
            }
        });
    }

    /** Exactly one alternative must match; only its schemas count as matched. */
    private void oneOf(JsonNode schema, String where, Set<String> names, List<String> problems,
            Alternative check) {
        List<Set<String>> matches = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (JsonNode alternative : schema.get("oneOf")) {
            Set<String> seen = new HashSet<>();
            List<String> failures = check.problems(alternative, seen);
            if (failures.isEmpty()) {
                matches.add(seen);
            } else {
                why.add(OpenApiDocument.schemaName(alternative) + ": " + failures);
            }
        }
        if (matches.size() == 1) {
            names.addAll(matches.get(0));
        } else {
            problems.add(where + ": matches " + matches.size() + " of the oneOf alternatives " + why);
        }
    }

    private static void scalar(JsonNode value, JsonNode schema, String where, List<String> problems) {
        String type = schema.path("type").asText("");
        switch (type) {
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(where + ": " + value + ", documented a string");
                    return;
                }
                string(value.asText(), schema, where, problems);
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(where + ": " + value + ", documented an integer");
                    return;
                }
                BigInteger number = value.bigIntegerValue();
                if (schema.has("minimum") && number.compareTo(schema.get("minimum").bigIntegerValue()) < 0
                        || schema.has("maximum") && number.compareTo(schema.get("maximum").bigIntegerValue()) > 0) {
                    problems.add(where + ": " + number + " is outside the documented range");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": " + value + ", documented a boolean");
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(where + ": " + value + ", documented a number");
                    return;
                }
                double number = value.doubleValue();
                if (schema.has("minimum") && number < schema.get("minimum").doubleValue()
                        || schema.has("maximum") && number > schema.get("maximum").doubleValue()) {
                    problems.add(where + ": " + number + " is outside the documented range");
                }
            }
            default -> problems.add(where + ": documented type '" + type + "' is not one this check knows");
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.asText().equals(value.asText());
            }
            if (!listed) {
                problems.add(where + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
    }

    private static void string(String text, JsonNode schema, String where, List<String> problems) {
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()
                || schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            problems.add(where + ": '" + text + "' has a length outside the documented one");
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            problems.add(where + ": '" + text + "' does not match " + schema.get("pattern").asText());
        }
        if ("date-time".equals(schema.path("format").asText())) {
            try {
                OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(where + ": '" + text + "' is not an ISO 8601 date-time with offset");
            }
        }
    }

    /** XML text as the JSON value the schema's type stands for, so both encodings get the same checks. */
    private static JsonNode xmlScalar(String text, JsonNode schema) {
        switch (schema.path("type").asText("")) {
            case "integer" -> {
                try {
                    return BigIntegerNode.valueOf(new BigInteger(text));
                } catch (NumberFormatException e) {
                    return TextNode.valueOf(text);
                }
            }
            case "number" -> {
                try {
                    return DecimalNode.valueOf(new java.math.BigDecimal(text));
                } catch (NumberFormatException e) {
                    return TextNode.valueOf(text);
                }
            }
            case "boolean" -> {
                return text.equals("true") || text.equals("false") ? BooleanNode.valueOf(text.equals("true"))
                        : TextNode.valueOf(text);
            }
            default -> {
                return text == null ? NullNode.getInstance() : TextNode.valueOf(text);
            }
        }
    }

    /** The element name of an object schema (its xml name), else the given fallback. */
    private String xmlName(JsonNode schemaRef, String fallback) {
        String name = doc.resolve(schemaRef).path("xml").path("name").asText("");
        return name.isEmpty() ? fallback : name;
    }

    private static void remember(JsonNode schemaRef, List<String> problems, Set<String> names) {
        String name = OpenApiDocument.schemaName(schemaRef);
        if (name != null && problems.isEmpty()) {
            names.add(name);
        }
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    @FunctionalInterface
    private interface Alternative {
        List<String> problems(JsonNode alternative, Set<String> seen);
    }
}
