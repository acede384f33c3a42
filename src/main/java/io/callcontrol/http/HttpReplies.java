package io.callcontrol.http;

import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.ResponseWriters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Builds the complete responses the API sends: a body in one encoding, or an error body. */
public final class HttpReplies {

    /** Most answers fit (a call's history is about 1 KB); a page of 100 events (14 KB) grows the buffer once. */
    private static final int INITIAL_BODY_BYTES = 8 * 1024;

    private HttpReplies() {
    }

    public static FullHttpResponse ok(ResponseWriter writer, Object body) {
        return encoded(HttpResponseStatus.OK, writer, body);
    }

    public static FullHttpResponse error(ResponseWriter writer, ApiException e) {
        FullHttpResponse response = encoded(e.code().status(), ResponseWriters.forErrors(writer), ErrorBody.of(e));
        if (e.code() == ErrorCode.OVERLOADED) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
        }
        return response;
    }

    /** A 405 naming the HTTP methods the path does answer. */
    public static FullHttpResponse notAllowed(ResponseWriter writer, String method, String allowed) {
        FullHttpResponse response = error(writer, ApiException.of(ErrorCode.METHOD_NOT_ALLOWED,
                "HTTP method " + method + " is not allowed here; use " + allowed));
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        return response;
    }

    /**
     * The body is encoded straight into a pooled buffer, which the socket sends without a copy and Netty releases
     * once written (or failed): no array per response for the garbage collector.
     */
    private static FullHttpResponse encoded(HttpResponseStatus status, ResponseWriter writer, Object body) {
        ByteBuf content = ByteBufAllocator.DEFAULT.buffer(INITIAL_BODY_BYTES);
        try {
            writer.write(body, new ByteBufOutputStream(content));
        } catch (RuntimeException e) {
            content.release();
            throw e;
        }
        return withBody(status, writer.contentType(), content);
    }

    /** A body already encoded. */
    public static FullHttpResponse bytes(HttpResponseStatus status, String contentType, byte[] bytes) {
        return withBody(status, contentType, Unpooled.wrappedBuffer(bytes));
    }

    private static FullHttpResponse withBody(HttpResponseStatus status, String contentType, ByteBuf content) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                // Polling answers change from one second to the next: no cache may keep them.
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
