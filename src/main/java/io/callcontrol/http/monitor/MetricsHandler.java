package io.callcontrol.http.monitor;

import io.callcontrol.http.ApiException;
import io.callcontrol.http.HttpReplies;
import io.callcontrol.metrics.Metrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. After the access check (http.allow, and an API
 * key when keys are set) but before the rate limits, so a scraper never spends a CRM's budget. A scrape reads the
 * JVM's beans and renders some hundred lines: it runs on a worker, not on the event loop.
 */
@ChannelHandler.Sharable
public final class MetricsHandler extends MonitoringHandler {

    static final String PATH = "/metrics";

    private final Metrics metrics;
    private final Executor workers;

    public MetricsHandler(Metrics metrics, Executor workers) {
        super(PATH);
        this.metrics = metrics;
        this.workers = workers;
    }

    @Override
    void answer(ChannelHandlerContext ctx) {
        try {
            workers.execute(() -> ctx.writeAndFlush(scrape()));
        } catch (RejectedExecutionException e) {
            ctx.writeAndFlush(HttpReplies.error(JSON, ApiException.overloaded()));
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
