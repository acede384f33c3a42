package io.callcontrol.http;

import io.callcontrol.http.render.ResponseWriter;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Builds the complete responses the API sends: a body in one encoding, or an error body. */
final class HttpReplies {

    private HttpReplies() {
    }

    static FullHttpResponse ok(ResponseWriter writer, Object body) {
        return encoded(HttpResponseStatus.OK, writer, body);
    }

    static FullHttpResponse error(ResponseWriter writer, ApiException e) {
        FullHttpResponse response = encoded(e.code().status(), writer, ErrorBody.of(e));
        if (e.code() == ErrorCode.OVERLOADED) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
        }
        return response;
    }

    /** A 405 naming the HTTP methods the path does answer. */
    static FullHttpResponse notAllowed(ResponseWriter writer, String method, String allowed) {
        FullHttpResponse response = error(writer, ApiException.of(ErrorCode.METHOD_NOT_ALLOWED,
                "HTTP method " + method + " is not allowed here; use " + allowed));
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        return response;
    }

    private static FullHttpResponse encoded(HttpResponseStatus status, ResponseWriter writer, Object body) {
        return bytes(status, writer.contentType(), writer.write(body));
    }

    /** A body already encoded. */
    static FullHttpResponse bytes(HttpResponseStatus status, String contentType, byte[] bytes) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                // Polling answers change from one second to the next: no cache may keep them.
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
