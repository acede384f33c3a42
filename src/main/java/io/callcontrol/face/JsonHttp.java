package io.callcontrol.face;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** What the JSON faces share on the wire: a strict reader, the answer's headers, the request's Content-Type rule. */
public final class JsonHttp {

    public static final String CONTENT_TYPE = "application/json; charset=UTF-8";
    /** Strict: trailing tokens or a member given twice make the body unreadable, not "the last one wins". */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonHttp() {
    }

    /** Why the body is not {@code application/json} in UTF-8 (the default), or null when it is. */
    public static String wrongContentType(FullHttpRequest request) {
        CharSequence mime = HttpUtil.getMimeType(request);
        if (mime == null || !HttpHeaderValues.APPLICATION_JSON.contentEqualsIgnoreCase(mime)) {
            return "Content-Type: must be application/json; charset=UTF-8";
        }
        Charset charset = HttpUtil.getCharset(request, StandardCharsets.UTF_8);
        return StandardCharsets.UTF_8.equals(charset) ? null : "Content-Type: the charset must be UTF-8";
    }

    /** {@code body} as a JSON answer with {@code status}, never cached. */
    public static FullHttpResponse reply(HttpResponseStatus status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always encodes", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
