package io.callcontrol.http;

import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.ResponseWriters;
import io.callcontrol.metrics.Metrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. After the access check (http.allow, and an API
 * key when keys are set) but before the rate limits, so a scraper never spends a CRM's budget. The scrape reads
 * the JVM's beans and renders some hundred lines: it runs on a worker, not on the event loop.
 */
@ChannelHandler.Sharable
final class MetricsHandler extends ChannelInboundHandlerAdapter {

    static final String PATH = "/metrics";
    private static final ResponseWriter JSON = ResponseWriters.find("json");

    private final Metrics metrics;
    private final Executor workers;

    MetricsHandler(Metrics metrics, Executor workers) {
        this.metrics = metrics;
        this.workers = workers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !PATH.equals(new QueryStringDecoder(request.uri()).path())) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
                ctx.writeAndFlush(HttpReplies.notAllowed(JSON, request.method().name(), "GET, HEAD"));
                return;
            }
            workers.execute(() -> ctx.writeAndFlush(scrape()));
        } catch (RejectedExecutionException e) {
            ctx.writeAndFlush(HttpReplies.error(JSON, ApiException.overloaded()));
        } finally {
            request.release();
        }
    }

    /** Runs on a worker. */
    private FullHttpResponse scrape() {
        try {
            return HttpReplies.bytes(HttpResponseStatus.OK, Metrics.CONTENT_TYPE,
                    metrics.scrape().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return HttpReplies.error(JSON, ApiException.unexpected(e));
        }
    }
}
