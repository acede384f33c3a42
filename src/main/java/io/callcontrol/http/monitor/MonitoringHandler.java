package io.callcontrol.http.monitor;

import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.ResponseWriters;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * A path monitors poll ({@code /health}, {@code /metrics}): answers GET and HEAD on it, 405 to any other HTTP
 * method, and passes every other path on. Errors are JSON: a monitor's path has no encoding suffix.
 */
abstract class MonitoringHandler extends ChannelInboundHandlerAdapter {

    static final ResponseWriter JSON = ResponseWriters.find("json");

    private final String path;

    MonitoringHandler(String path) {
        this.path = path;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !path.equals(new QueryStringDecoder(request.uri()).path())) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) {
                answer(ctx);
            } else {
                ctx.writeAndFlush(HttpReplies.notAllowed(JSON, request.method().name(), "GET, HEAD"));
            }
        } finally {
            request.release();
        }
    }

    /** Writes the answer to a GET or HEAD (Netty leaves the body out for HEAD). */
    abstract void answer(ChannelHandlerContext ctx);
}
