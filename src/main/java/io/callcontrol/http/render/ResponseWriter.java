package io.callcontrol.http.render;

/**
 * Turns a response body (one of the http package's records) into the bytes of one encoding. The data model
 * knows nothing of encodings; the URL suffix picks the writer through {@link ResponseWriters#find}.
 */
public interface ResponseWriter {

    /** The URL suffix that selects this writer: {@code /api/<method>.<extension>}. */
    String extension();

    /** The Content-Type header value, charset included. */
    String contentType();

    /** Encodes {@code body}; all escaping is the encoder's. */
    byte[] write(Object body);
}
