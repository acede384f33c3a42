package io.callcontrol.http;

import io.callcontrol.http.render.ResponseWriters;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipeline's last stop: a 404 for any path no handler took, and the end of any exception. */
@ChannelHandler.Sharable
public final class NotFoundHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(NotFoundHandler.class);

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        ctx.writeAndFlush(HttpReplies.error(ResponseWriters.forPath(path), ApiException.of(ErrorCode.NOT_FOUND,
                "no such path; the API answers at /api/<method>" + ".json or .xml, recordings at /recordings/")));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A client going away mid-request or mid-response is ordinary (so is our closing a stalled one); anything
        // else deserves a look.
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            log.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("HTTP connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
