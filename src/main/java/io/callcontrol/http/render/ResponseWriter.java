package io.callcontrol.http.render;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * Turns a response body (one of the http package's records) into the bytes of one encoding. The data model
 * knows nothing of encodings; the URL suffix picks the writer through {@link ResponseWriters#find}.
 */
public interface ResponseWriter {

    /** The URL suffix that selects this writer: {@code /api/<method>.<extension>}. */
    String extension();

    /**
     * Whether it encodes only {@link Table} bodies (CSV): a method whose answer is not a table is then refused before
     * it runs.
     */
    default boolean tablesOnly() {
        return false;
    }

    /** The Content-Type header value, charset included. */
    String contentType();

    /**
     * Encodes {@code body} onto {@code out}; all escaping is the encoder's.
     *
     * @throws java.io.UncheckedIOException when {@code out} fails
     */
    void write(Object body, OutputStream out);

    /** Encodes {@code body} into an array. */
    default byte[] write(Object body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(body, out);
        return out.toByteArray();
    }
}
