package io.callcontrol.http.feed;

import io.callcontrol.push.EventFeed;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A WebSocket connection that takes events from the {@link EventFeed}: what every such handler shares. The feed is
 * woken when the channel can take frames again, and the subscription ends with the channel; a subclass starts it
 * ({@link #follow}) and writes the events in its own shape ({@link EventFeed.Subscriber#send}).
 */
public abstract class FeedSubscriberHandler extends ChannelInboundHandlerAdapter implements EventFeed.Subscriber {

    /** This handler's context, set as it is added to the pipeline. */
    protected volatile ChannelHandlerContext ctx;
    private volatile EventFeed.Subscription subscription;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** From now on the connection takes the events of {@code subscription}, until it closes. */
    protected final void follow(EventFeed.Subscription subscription) {
        this.subscription = subscription;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        EventFeed.Subscription s = subscription;
        if (s != null && ctx.channel().isWritable()) {
            s.wake();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    /** Ends the subscription (the connection closed, or the handler left the pipeline); may run more than once. */
    protected void stop() {
        EventFeed.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public boolean isOpen() {
        return ctx.channel().isActive();
    }

    @Override
    public boolean isWritable() {
        return ctx.channel().isWritable();
    }
}
