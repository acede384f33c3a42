package io.callcontrol.http.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** JSON as the body's records describe it (snake_case names come from the records themselves). */
final class JsonResponseWriter implements ResponseWriter {

    private final ObjectWriter writer = JsonMapper.builder().addModule(new BlackbirdModule()).build().writer();

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public String contentType() {
        return "application/json; charset=UTF-8";
    }

    @Override
    public void write(Object body, OutputStream out) {
        try {
            writer.writeValue(out, body);
        } catch (JsonProcessingException e) {
            // Bodies are our own records: failing to encode one is a bug, not a request problem.
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName() + " as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
