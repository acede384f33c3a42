package io.callcontrol.http;

import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.ResponseWriters;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * {@code GET /health}: 200 when the daemon can place and follow calls, 503 with the same body when a part is
 * down. Monitors poll it, so it needs no API key and is not rate limited (http.allow still applies).
 */
@ChannelHandler.Sharable
final class HealthHandler extends ChannelInboundHandlerAdapter {

    static final String PATH = "/health";
    private static final ResponseWriter JSON = ResponseWriters.find("json");

    private final HealthCheck check;

    HealthHandler(HealthCheck check) {
        this.check = check;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !PATH.equals(new QueryStringDecoder(request.uri()).path())) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            FullHttpResponse response;
            if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) {
                HealthCheck.Report report = check.check();
                response = HttpReplies.ok(JSON, report);
                if (!"ok".equals(report.status())) {
                    response.setStatus(HttpResponseStatus.SERVICE_UNAVAILABLE);
                }
            } else {
                response = HttpReplies.notAllowed(JSON, request.method().name(), "GET, HEAD");
            }
            ctx.writeAndFlush(response);
        } finally {
            request.release();
        }
    }
}
