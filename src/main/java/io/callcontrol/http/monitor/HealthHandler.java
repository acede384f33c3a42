package io.callcontrol.http.monitor;

import io.callcontrol.http.HttpReplies;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /health}: 200 when the daemon can place and follow calls, 503 with the same body when a part is
 * down. Monitors poll it, so it needs no API key and is not rate limited (http.allow still applies).
 */
@ChannelHandler.Sharable
public final class HealthHandler extends MonitoringHandler {

    public static final String PATH = "/health";

    private final HealthCheck check;

    public HealthHandler(HealthCheck check) {
        super(PATH);
        this.check = check;
    }

    @Override
    void answer(ChannelHandlerContext ctx) {
        HealthCheck.Report report = check.check();
        FullHttpResponse response = HttpReplies.ok(JSON, report);
        if (!report.serving()) {
            response.setStatus(HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
        ctx.writeAndFlush(response);
    }
}
