package io.callcontrol.http.guard;

import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.render.ResponseWriters;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * Refuses requests that cannot be read: the codec could not decode them (a request line or headers longer than
 * the limits: 414 and 431; bad syntax: 400) or their path is not valid percent-encoding. Later handlers can then
 * trust the path.
 */
@ChannelHandler.Sharable
public final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {

    private final int maxRequestLine;
    private final int maxHeaderBytes;

    public MalformedRequestHandler(int maxRequestLine, int maxHeaderBytes) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && !readable(request)) {
            Throwable cause = request.decoderResult().cause();
            request.release();
            FullHttpResponse response = HttpReplies.error(ResponseWriters.forPath(""), refusal(cause));
            // After a decoding failure the rest of the stream cannot be trusted to frame requests.
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private ApiException refusal(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return ApiException.of(ErrorCode.URI_TOO_LONG, "request line: longer than " + maxRequestLine + " bytes");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return ApiException.of(ErrorCode.HEADERS_TOO_LARGE, "headers: larger than " + maxHeaderBytes + " bytes");
        }
        return ApiException.of(ErrorCode.BAD_REQUEST, "malformed HTTP request");
    }

    private static boolean readable(FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return false;
        }
        try {
            new QueryStringDecoder(request.uri()).path();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
