package io.callcontrol.face.callkeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.config.CallkeeperConfig;
import io.callcontrol.face.JsonHttp;
import io.callcontrol.schedule.Schedules;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CallKeeper REST API face ({@code /callkeeper/<method>}, GET or POST): a thin adapter over the daemon's one
 * scheduler. The parameters are read on the event loop; the method runs on a worker (JDBC). docs/FACES.md lists
 * what it serves and what it refuses.
 */
@ChannelHandler.Sharable
public final class CallkeeperFace extends SimpleChannelInboundHandler<FullHttpRequest> {

    public static final String PREFIX = "/callkeeper/";

    private static final Logger log = LoggerFactory.getLogger(CallkeeperFace.class);

    /** A method of the face: reads its parameters, answers its JSON. */
    private interface Method {
        JsonNode run(Query q) throws Fail;
    }

    private final Map<String, Method> methods;
    private final Executor workers;

    private CallkeeperFace(Map<String, Method> methods, Executor workers) {
        this.methods = methods;
        this.workers = workers;
    }

    /**
     * The face's handlers by path, one per method (each path is the face's own, where the API's key is not asked
     * for), built from the HTTP server's worker pool.
     */
    public static Map<String, Function<Executor, ChannelHandler>> handlers(CallkeeperConfig config,
            Schedules schedules, Clock clock) {
        Keys keys = new Keys(config);
        Map<String, Function<Executor, ChannelHandler>> handlers = new LinkedHashMap<>();
        methods(new Orders(config, keys, schedules, clock), new Stats(keys, schedules)).forEach((name, method) ->
                handlers.put(PREFIX + name, workers -> new CallkeeperFace(Map.of(name, method), workers)));
        return handlers;
    }

    private static Map<String, Method> methods(Orders orders, Stats stats) {
        Map<String, Method> methods = new LinkedHashMap<>();
        methods.put("makeCalls", q -> orders.makeCalls(q));
        methods.put("orderCall", q -> orders.orderCall(q));
        methods.put("getCallInfo", q -> stats.callInfo(q));
        methods.put("getCallsInfo", q -> stats.callsInfo(q));
        methods.put("getCallsCompleted", q -> stats.callsCompleted(q));
        methods.put("getCallsByStatus", q -> stats.callsByStatus(q));
        // The account's and the widgets' methods: the daemon has neither.
        for (String unserved : new String[] {"getUserInfo", "createWidget", "deleteWidget", "getT2C", "tag",
                "getDoc"}) {
            methods.put(unserved, q -> {
                throw Fail.mismatched(unserved + " is not served here: the daemon has no accounts or widgets");
            });
        }
        return methods;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        Method method = path.startsWith(PREFIX) ? methods.get(path.substring(PREFIX.length())) : null;
        if (method == null) {
            ctx.fireChannelRead(request.retain());
            return;
        }
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.POST.equals(request.method())) {
            answer(ctx, new Fail(405, "Unknown request method!", "GET or POST"));
            return;
        }
        Query query;
        try {
            query = Query.of(request);
        } catch (Fail e) {
            answer(ctx, e);
            return;
        }
        try {
            workers.execute(() -> answer(ctx, run(method, query)));
        } catch (RejectedExecutionException e) {
            answer(ctx, new Fail(503, "Service unavailable", "too many requests in progress; retry shortly"));
        }
    }

    private static Object run(Method method, Query query) {
        try {
            return method.run(query);
        } catch (Fail e) {
            return e;
        } catch (RuntimeException e) {
            log.error("CallKeeper face: a request failed", e);
            return new Fail(500, "Internal error", "the daemon's log has the details");
        }
    }

    private static void answer(ChannelHandlerContext ctx, Object result) {
        if (result instanceof Fail fail) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", "fail").put("reason", fail.reason);
            if (fail.getMessage() != null) {
                body.put("detail", fail.getMessage());
            }
            ctx.writeAndFlush(JsonHttp.reply(HttpResponseStatus.valueOf(fail.status), body));
            return;
        }
        ctx.writeAndFlush(JsonHttp.reply(HttpResponseStatus.OK, (JsonNode) result));
    }
}
