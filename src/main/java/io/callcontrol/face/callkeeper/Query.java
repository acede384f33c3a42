package io.callcontrol.face.callkeeper;

import io.callcontrol.http.api.ApiParams;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's parameters as PHP's {@code http_build_query} sends them: the query string, and for a POST the form
 * body (url-encoded or multipart, as curl sends an array). Nested arrays arrive as brackets,
 * {@code calls[0][client]}, {@code date[from]}. Read on the event loop: nothing here blocks.
 */
final class Query {

    private static final Pattern CALL_FIELD = Pattern.compile("calls\\[([0-9]{1,3})\\]\\[([a-z_0-9]+)\\](.*)");

    private final Map<String, String> values;

    private Query(Map<String, String> values) {
        this.values = values;
    }

    /** The parameters of {@code request}; a name given twice with different values is refused. */
    static Query of(FullHttpRequest request) throws Fail {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            merge(values, ApiParams.decodeUri(request.uri()).parameters());
        } catch (IllegalArgumentException e) {
            throw Fail.wrongType("the query string is not valid percent-encoding");
        }
        if (HttpMethod.POST.equals(request.method()) && request.content().isReadable()) {
            merge(values, body(request));
        }
        return new Query(values);
    }

    private static Map<String, List<String>> body(FullHttpRequest request) throws Fail {
        HttpPostRequestDecoder decoder;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw Fail.wrongType("the body is not a form: " + e.getMessage());
        }
        try {
            Map<String, List<String>> form = new LinkedHashMap<>();
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof Attribute attribute) {
                    form.computeIfAbsent(attribute.getName(), name -> new ArrayList<>()).add(attribute.getValue());
                }
            }
            return form;
        } catch (IOException | HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw Fail.wrongType("the body is not a form: " + e.getMessage());
        } finally {
            decoder.destroy();
        }
    }

    private static void merge(Map<String, String> into, Map<String, List<String>> from) throws Fail {
        for (Map.Entry<String, List<String>> entry : from.entrySet()) {
            for (String value : entry.getValue()) {
                String before = into.putIfAbsent(entry.getKey(), value);
                if (before != null && !before.equals(value)) {
                    throw Fail.wrongType(entry.getKey() + ": given more than once with different values");
                }
            }
        }
    }

    /** A parameter; null when absent or empty. */
    String text(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Whether the name was sent at all, with or without a value ({@code &date}). */
    boolean has(String name) {
        return values.containsKey(name);
    }

    String required(String name) throws Fail {
        String value = text(name);
        if (value == null) {
            throw Fail.undefined(name);
        }
        return value;
    }

    /** Whether any parameter is a member of array {@code name} ({@code date[from]}). */
    boolean hasArray(String name) {
        return values.keySet().stream().anyMatch(key -> key.startsWith(name + "["));
    }

    /** The calls of makeCalls, in the order of their indexes, each a map of its fields. */
    List<Query> calls() throws Fail {
        Map<Integer, Map<String, String>> calls = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!entry.getKey().startsWith("calls[")) {
                continue;
            }
            Matcher m = CALL_FIELD.matcher(entry.getKey());
            if (!m.matches()) {
                throw Fail.wrongType(entry.getKey() + ": calls must be calls[N][field]");
            }
            // utm[...] and other nested members of a call keep their brackets under the field's name
            calls.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new LinkedHashMap<>())
                    .put(m.group(2) + m.group(3), entry.getValue());
        }
        if (calls.isEmpty()) {
            throw Fail.undefined("calls");
        }
        List<Query> list = new ArrayList<>();
        calls.values().forEach(call -> list.add(new Query(call)));
        return list;
    }
}
