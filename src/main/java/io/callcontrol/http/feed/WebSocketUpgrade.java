package io.callcontrol.http.feed;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.http.guard.IdleConnectionCloser;
import io.callcontrol.http.guard.RequestDeadline;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How a request of the server becomes a long-lived WebSocket, the same for the event feed and the faces that push
 * events: the whole-request deadline goes, idleness becomes the client's silence alone ({@link SilentFeedCloser}),
 * a ping goes out every half http.idle.timeout, and the connection's own session handler comes last.
 */
public final class WebSocketUpgrade {

    private WebSocketUpgrade() {
    }

    /** Why {@code request} is not a WebSocket handshake this server takes (RFC 6455, version 13); null when it is. */
    public static String notAHandshake(FullHttpRequest request, String path) {
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return path + " is a WebSocket: connect with a WebSocket client (Upgrade: websocket)";
        }
        if (!request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)
                || !"13".equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            return path + ": a WebSocket handshake needs Sec-WebSocket-Key and Sec-WebSocket-Version: 13";
        }
        return null;
    }

    /**
     * Turns the connection of {@code ctx} into a WebSocket at {@code path} whose frames go to {@code session}, and
     * hands it {@code request} to answer the handshake with. {@code session} is told
     * {@link WebSocketServerProtocolHandler.HandshakeComplete} once the connection is a WebSocket.
     */
    public static void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String path, HttpConfig http,
            int maxFrameBytes, SilentFeedCloser silentCloser, ChannelHandler session) {
        ChannelPipeline pipeline = ctx.pipeline();
        // The feed is one long answer: the deadline for a whole request would close it at the first frame.
        if (pipeline.get(RequestDeadline.class) != null) {
            pipeline.remove(RequestDeadline.class);
        }
        // Idleness is the client's silence alone: the pings and events the daemon writes would otherwise count as
        // traffic and keep a client that never answers open for ever.
        if (pipeline.get(IdleStateHandler.class) != null) {
            pipeline.replace(IdleStateHandler.class, "idle", new IdleStateHandler(http.idleTimeout().toMillis(), 0, 0,
                    TimeUnit.MILLISECONDS));
        }
        if (pipeline.get(IdleConnectionCloser.class) != null) {
            pipeline.replace(IdleConnectionCloser.class, "idleCloser", silentCloser);
        }
        pipeline.addAfter(ctx.name(), "websocket", new WebSocketServerProtocolHandler(
                WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath(path)
                        .checkStartsWith(true)
                        .handshakeTimeoutMillis(http.idleTimeout().toMillis())
                        .maxFramePayloadLength(maxFrameBytes)
                        .allowExtensions(false)
                        .build()));
        pipeline.addAfter("websocket", "pings", new Pings(http.idleTimeout().dividedBy(2)));
        pipeline.addAfter("pings", "session", session);
        ctx.fireChannelRead(request);
    }

    /** Asks the client for a sign of life every {@code every}, from the handshake on. */
    private static final class Pings extends ChannelInboundHandlerAdapter {

        private final Duration every;
        private ScheduledFuture<?> pings;

        Pings(Duration every) {
            this.every = every;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                long millis = every.toMillis();
                pings = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(new PingWebSocketFrame()), millis,
                        millis, TimeUnit.MILLISECONDS);
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (pings != null) {
                pings.cancel(false);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handlerRemoved(ctx);
            ctx.fireChannelInactive();
        }
    }
}
