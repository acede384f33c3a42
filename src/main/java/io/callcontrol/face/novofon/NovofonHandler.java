package io.callcontrol.face.novofon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Answers {@code POST /novofon/v4.0} and passes every other path on. The envelope is read on the event loop (no
 * buffer crosses threads); the method runs on a worker, which writes the answer. Every JSON-RPC answer, error or not,
 * is HTTP 200, as JSON-RPC over HTTP has it; only a method other than POST gets 405.
 */
@ChannelHandler.Sharable
public final class NovofonHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    public static final String PATH = "/novofon/v4.0";
    static final String CONTENT_TYPE = "application/json; charset=UTF-8";

    private final NovofonApi api;
    private final Executor workers;

    NovofonHandler(NovofonApi api, Executor workers) {
        this.api = api;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!PATH.equals(new QueryStringDecoder(request.uri()).path())) {
            ctx.fireChannelRead(request.retain());
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse response = reply(HttpResponseStatus.METHOD_NOT_ALLOWED, Replies.error(NullNode.instance,
                    new RpcException(Fault.INVALID_REQUEST, null, "the Call API answers POST only"), null));
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
            ctx.writeAndFlush(response);
            return;
        }
        String wrongType = wrongContentType(request);
        if (wrongType != null) {
            answer(ctx, Replies.error(NullNode.instance, new RpcException(Fault.INVALID_REQUEST, null, wrongType),
                    null));
            return;
        }
        Envelope envelope;
        try {
            envelope = Envelope.parse(ByteBufUtil.getBytes(request.content()));
        } catch (Envelope.Refused e) {
            answer(ctx, Replies.error(e.id, e.error, null));
            return;
        }
        try {
            workers.execute(() -> answer(ctx, api.answer(envelope)));
        } catch (RejectedExecutionException e) {
            answer(ctx, Replies.error(envelope.id(), new RpcException(Fault.INTERNAL_ERROR, null,
                    "too many requests in progress; retry shortly"), null));
        }
    }

    /** Why the body is not the contract's {@code application/json; charset=UTF-8}, or null when it is. */
    private static String wrongContentType(FullHttpRequest request) {
        CharSequence mime = HttpUtil.getMimeType(request);
        if (mime == null || !HttpHeaderValues.APPLICATION_JSON.contentEqualsIgnoreCase(mime)) {
            return "Content-Type: must be application/json; charset=UTF-8";
        }
        Charset charset = HttpUtil.getCharset(request, StandardCharsets.UTF_8);
        return StandardCharsets.UTF_8.equals(charset) ? null : "Content-Type: the charset must be UTF-8";
    }

    private static void answer(ChannelHandlerContext ctx, ObjectNode body) {
        ctx.writeAndFlush(reply(HttpResponseStatus.OK, body));
    }

    private static FullHttpResponse reply(HttpResponseStatus status, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = Envelope.JSON.writeValueAsBytes(body);
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
