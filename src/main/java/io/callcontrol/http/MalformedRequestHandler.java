package io.callcontrol.http;

import io.callcontrol.http.render.ResponseWriters;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Refuses requests that cannot be read: the codec could not decode them (a request line or headers too long,
 * bad syntax) or their path is not valid percent-encoding. Later handlers can then trust the path.
 */
@ChannelHandler.Sharable
final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && !readable(request)) {
            request.release();
            FullHttpResponse response = HttpReplies.error(ResponseWriters.forPath(""),
                    ApiException.of(ErrorCode.BAD_REQUEST, "malformed HTTP request"));
            // After a decoding failure the rest of the stream cannot be trusted to frame requests.
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
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
