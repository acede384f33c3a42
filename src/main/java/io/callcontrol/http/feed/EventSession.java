package io.callcontrol.http.feed;

import io.callcontrol.push.EventFeed;
import io.callcontrol.push.EventMessages;
import io.callcontrol.push.FeedFilter;
import io.callcontrol.push.LoggedEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * One WebSocket subscriber of the event feed: once the handshake is done, subscribes from its cursor and writes
 * each event as a JSON text frame. The feed reads further only while the connection is writable, so a client that
 * reads slowly is sent events as fast as it reads them ({@link WebSocketUpgrade} pings it and closes it when silent).
 * One per connection.
 */
final class EventSession extends FeedSubscriberHandler {

    private final EventFeed feed;
    private final EventMessages messages;
    private final long afterId;
    private final FeedFilter filter;
    private final String baseUrl;

    EventSession(EventFeed feed, EventMessages messages, long afterId, FeedFilter filter, String baseUrl) {
        this.feed = feed;
        this.messages = messages;
        this.afterId = afterId;
        this.filter = filter;
        this.baseUrl = baseUrl;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            follow(feed.subscribe(this, afterId, filter));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    /** A subscriber has nothing to say: its frames are dropped (the protocol handler answers pings and closes). */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** On a feed thread: the frames queue on the channel in order, counted against its writability at once. */
    @Override
    public void send(List<LoggedEvent> events) {
        for (LoggedEvent event : events) {
            ctx.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(messages.json(event, baseUrl))));
        }
        ctx.flush();
    }
}
