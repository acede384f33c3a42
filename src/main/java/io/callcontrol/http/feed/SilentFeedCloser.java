package io.callcontrol.http.feed;

import io.callcontrol.http.guard.IdleConnectionCloser;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closes a feed connection whose client has sent nothing, not even a pong, for http.idle.timeout, although the feed
 * pings it every half of that: RFC 6455 obliges an endpoint to answer a ping, so the client is gone or broken. It gets
 * a close frame with 1002 (protocol error) if it still reads, and the connection is closed at once either way.
 * Takes the place of {@link IdleConnectionCloser} once a connection is a feed, watching a reader-idle clock that the
 * daemon's own pings and events do not reset.
 */
@ChannelHandler.Sharable
public final class SilentFeedCloser extends ChannelInboundHandlerAdapter {

    static final String REASON = "no answer to pings within http.idle.timeout";

    private final LongAdder closed = new LongAdder();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof IdleStateEvent)) {
            super.userEventTriggered(ctx, event);
            return;
        }
        closed.increment();
        // From the tail, through the WebSocket encoder; the close from here does not wait for the frame to leave,
        // as the protocol handler's close would: a client that reads nothing must not hold the connection longer.
        ctx.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR, REASON));
        ctx.close();
    }

    /** Feed connections closed so since the server started. */
    public long closed() {
        return closed.sum();
    }
}
