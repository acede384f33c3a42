package io.callcontrol.http.guard;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request has not arrived whole within the deadline after its first byte. The idle
 * timeout alone misses a slowloris client that sends one byte now and then: that is never idle, yet never finishes
 * a request. Sits before the codec, where it sees raw bytes; {@link Arrived}, after the aggregator, tells it when a
 * request is whole. How long the answer then takes is not the client's doing and is not limited here. One per
 * connection.
 */
public final class RequestDeadline extends ChannelDuplexHandler {

    /** The user event {@link Arrived} sends down the pipeline from its head. */
    static final Object ARRIVED = new Object() {
        @Override
        public String toString() {
            return "a whole request arrived";
        }
    };

    private static final Logger log = LoggerFactory.getLogger(RequestDeadline.class);

    private final long timeoutNanos;
    private ScheduledFuture<?> deadline;

    public RequestDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (deadline == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            deadline = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ARRIVED) {
            cancel();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    /** An answer before the request is whole (413, 417) also ends the wait: the rest is discarded or refused. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        cancel();
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        log.debug("HTTP connection {}: no whole request within the deadline; closing it", ctx.channel().remoteAddress());
        ctx.close();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** After the aggregator: tells the deadline, from the head of the pipeline, that a whole request arrived. */
    @ChannelHandler.Sharable
    public static final class Arrived extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest) {
                ctx.pipeline().fireUserEventTriggered(ARRIVED);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
