package io.callcontrol.http.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** JSON as the body's records describe it (snake_case names come from the records themselves). */
final class JsonResponseWriter implements ResponseWriter {

    private final ObjectWriter writer = JsonMapper.builder().build().writer();

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public String contentType() {
        return "application/json; charset=UTF-8";
    }

    @Override
    public byte[] write(Object body) {
        try {
            return writer.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // Bodies are our own records: failing to encode one is a bug, not a request problem.
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
