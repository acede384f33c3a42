package io.callcontrol.http.api;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.BaseUrl;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.ResponseWriters;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.metrics.RequestTimer;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Answers {@code /api/<method>.<encoding>}: picks the writer and the method, reads the parameters, and runs the
 * method on a worker (it blocks on JDBC or AMI); the worker writes the answer back through the channel. Times each
 * answer of a known method.
 */
@ChannelHandler.Sharable
public final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String PREFIX = "/api/";
    private static final String ALLOWED = "GET, POST";

    private final ApiRoutes routes;
    private final Executor workers;
    private final HttpConfig http;
    /** By documented method name. */
    private final Map<String, RequestTimer> timers = new HashMap<>();

    public ApiHandler(ApiRoutes routes, Executor workers, HttpConfig http, Metrics metrics) {
        this.routes = routes;
        this.workers = workers;
        this.http = http;
        routes.names().forEach(name -> timers.put(name, metrics.apiRequests(name)));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = ApiParams.decodeUri(request.uri());
        String path = uri.path();
        if (!path.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            ctx.fireChannelRead(request.retain());
            return;
        }
        String file = path.substring(PREFIX.length());
        int dot = file.lastIndexOf('.');
        ResponseWriter writer = dot < 0 ? null : ResponseWriters.find(file.substring(dot + 1));
        if (writer == null) {
            ctx.writeAndFlush(HttpReplies.error(ResponseWriters.forPath(path), ApiException.of(ErrorCode.NOT_FOUND,
                    shorten(path) + ": unknown encoding; use /api/<method> with one of "
                            + ResponseWriters.supported())));
            return;
        }
        try {
            dispatch(ctx, request, uri, file.substring(0, dot), writer);
        } catch (ApiException e) {
            ctx.writeAndFlush(HttpReplies.error(writer, e));
        }
    }

    private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri, String name,
                          ResponseWriter writer) throws ApiException {
        long start = System.nanoTime();
        ApiRoutes.Route route = routes.find(name);
        if (route == null) {
            throw ApiException.of(ErrorCode.UNKNOWN_METHOD,
                    "unknown method '" + shorten(name) + "'; the methods are " + routes.known());
        }
        if (writer.tablesOnly() && !route.table()) {
            throw ApiException.of(ErrorCode.NOT_FOUND, route.name() + "." + writer.extension()
                    + ": this method does not answer a table; use .json or .xml");
        }
        RequestTimer timer = timers.get(route.name());
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.POST.equals(request.method())) {
            reply(ctx, HttpReplies.notAllowed(writer, request.method().name(), ALLOWED), timer, start);
            return;
        }
        try {
            // Parameters become plain strings here, on the event loop, so no buffer crosses to the worker.
            ApiRequest call = new ApiRequest(ApiParams.from(uri, request),
                    BaseUrl.of(http, request.headers().get(HttpHeaderNames.HOST), ctx.channel().localAddress()));
            workers.execute(() -> reply(ctx, answer(writer, route.method(), call), timer, start));
        } catch (RejectedExecutionException e) {
            reply(ctx, HttpReplies.error(writer, ApiException.overloaded()), timer, start);
        } catch (ApiException e) {
            reply(ctx, HttpReplies.error(writer, e), timer, start);
        }
    }

    private static void reply(ChannelHandlerContext ctx, FullHttpResponse response, RequestTimer timer, long start) {
        if (timer != null) {
            timer.record(response.status().code(), System.nanoTime() - start);
        }
        ctx.writeAndFlush(response);
    }

    /** Runs on a worker. */
    private static FullHttpResponse answer(ResponseWriter writer, ApiMethod method, ApiRequest request) {
        try {
            return HttpReplies.ok(writer, method.call(request));
        } catch (ApiException e) {
            return HttpReplies.error(writer, e);
        } catch (RuntimeException e) {
            return HttpReplies.error(writer, ApiException.unexpected(e));
        }
    }

    /** Echoes of the client's own input stay short. */
    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
