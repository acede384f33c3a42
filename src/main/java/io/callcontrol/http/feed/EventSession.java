package io.callcontrol.http.feed;

import io.callcontrol.http.monitor.HealthWatch;
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
 * A session that asked for the daemon's health is also sent a {@link HealthMessage} at once and at each change.
 * One per connection.
 */
final class EventSession extends FeedSubscriberHandler {

    private final EventFeed feed;
    private final EventMessages messages;
    private final long afterId;
    private final FeedFilter filter;
    private final String baseUrl;
    /** The daemon's state this session follows, or null when it did not ask for it. */
    private final HealthWatch health;
    private final HealthMessage healthMessage;
    private volatile Runnable unwatch;

    EventSession(EventFeed feed, EventMessages messages, long afterId, FeedFilter filter, String baseUrl,
            HealthWatch health, HealthMessage healthMessage) {
        this.feed = feed;
        this.messages = messages;
        this.afterId = afterId;
        this.filter = filter;
        this.baseUrl = baseUrl;
        this.health = health;
        this.healthMessage = healthMessage;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            follow(feed.subscribe(this, afterId, filter));
            if (health != null && ctx.channel().isActive()) {
                unwatch = health.watch(state -> ctx.writeAndFlush(
                        new TextWebSocketFrame(Unpooled.wrappedBuffer(healthMessage.json(state)))));
            }
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

    @Override
    protected void stop() {
        Runnable u = unwatch;
        if (u != null) {
            u.run();
        }
        super.stop();
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
