package io.callcontrol.face;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Answers {@code POST <path>} of a JSON-RPC face and passes every other path on. The body is read on the event loop
 * (no buffer crosses threads); the method runs on a worker, which writes the answer. Every JSON-RPC answer, error or
 * not, is HTTP 200, as JSON-RPC over HTTP has it; only a method other than POST gets 405.
 */
@ChannelHandler.Sharable
public final class JsonRpcHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** What a face makes of the requests on its path. */
    public interface Endpoint {

        /** The face's Invalid Request answer, without an id: for a request refused before its body is read. */
        ObjectNode invalidRequest(String detail);

        /** The body, read on the event loop: answered at once, or work for a worker. */
        Read read(byte[] body);
    }

    /** A body read: its answer when known at once, or the work that answers it and the answer when none can. */
    public record Read(ObjectNode answer, Supplier<ObjectNode> work, Supplier<ObjectNode> busy) {

        public static Read answered(ObjectNode answer) {
            return new Read(answer, null, null);
        }

        /** {@code work} blocks (JDBC, AMI); {@code busy} answers when every worker is taken. */
        public static Read work(Supplier<ObjectNode> work, Supplier<ObjectNode> busy) {
            return new Read(null, work, busy);
        }
    }

    private final String path;
    private final Endpoint endpoint;
    private final Executor workers;

    public JsonRpcHandler(String path, Endpoint endpoint, Executor workers) {
        this.path = path;
        this.endpoint = endpoint;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!path.equals(new QueryStringDecoder(request.uri()).path())) {
            ctx.fireChannelRead(request.retain());
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse response = JsonHttp.reply(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    endpoint.invalidRequest("the Call API answers POST only"));
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
            ctx.writeAndFlush(response);
            return;
        }
        String wrongType = JsonHttp.wrongContentType(request);
        if (wrongType != null) {
            answer(ctx, endpoint.invalidRequest(wrongType));
            return;
        }
        Read read = endpoint.read(ByteBufUtil.getBytes(request.content()));
        if (read.answer() != null) {
            answer(ctx, read.answer());
            return;
        }
        try {
            workers.execute(() -> answer(ctx, read.work().get()));
        } catch (RejectedExecutionException e) {
            answer(ctx, read.busy().get());
        }
    }

    private static void answer(ChannelHandlerContext ctx, ObjectNode body) {
        ctx.writeAndFlush(JsonHttp.reply(HttpResponseStatus.OK, body));
    }
}
