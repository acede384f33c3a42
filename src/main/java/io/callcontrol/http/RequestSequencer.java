package io.callcontrol.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * One request at a time per connection. Answers are written by worker threads, so two pipelined requests could
 * otherwise be answered in the wrong order; HTTP/1.1 requires request order. Requests that arrive while one is
 * being answered wait here, and reading pauses until the queue drains, which bounds it.
 */
final class RequestSequencer extends ChannelDuplexHandler {

    private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean answering;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (answering) {
            waiting.add(request);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        answering = true;
        ctx.fireChannelRead(request);
    }

    /** Runs on the event loop, whoever wrote: the end of an answer lets the next request through. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean last = msg instanceof LastHttpContent;
        ctx.write(msg, promise);
        if (last && answering) {
            answering = false;
            // Later, not nested in this write: the next answer may be written synchronously.
            ctx.executor().execute(() -> next(ctx));
        }
    }

    private void next(ChannelHandlerContext ctx) {
        FullHttpRequest request = waiting.poll();
        if (request != null) {
            answering = true;
            ctx.fireChannelRead(request);
        } else if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        for (FullHttpRequest request; (request = waiting.poll()) != null; ) {
            ReferenceCountUtil.release(request);
        }
    }
}
