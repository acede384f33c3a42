package io.callcontrol.http.feed;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.BaseUrl;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.api.ApiParams;
import io.callcontrol.http.monitor.HealthWatch;
import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.http.render.ResponseWriters;
import io.callcontrol.push.EventFeed;
import io.callcontrol.push.EventKind;
import io.callcontrol.push.EventMessages;
import io.callcontrol.push.FeedFilter;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * {@code GET /api/events}: the live event feed over a WebSocket. Comes after the access check (the same API keys,
 * the same http.allow) and the rate limit; validates {@code after_id} and {@code kinds} while the answer can still
 * be an HTTP error, then turns the connection into a WebSocket whose {@link EventSession} streams the events, and,
 * with {@code health=1}, the daemon's state as it changes ({@link HealthWatch}).
 */
@ChannelHandler.Sharable
public final class EventsHandler extends ChannelInboundHandlerAdapter {

    static final String PATH = "/api/events";
    /** A subscriber sends nothing but control frames. */
    private static final int MAX_FRAME_BYTES = 1024;
    private static final ResponseWriter JSON = ResponseWriters.find("json");

    private final EventFeed feed;
    private final EventMessages messages;
    private final HttpConfig http;
    private final HealthWatch health;
    private final HealthMessage healthMessage;
    private final SilentFeedCloser silentCloser = new SilentFeedCloser();

    /** Events and health messages with times in {@code time}'s zone. */
    public EventsHandler(EventFeed feed, TimeFormat time, HttpConfig http, HealthWatch health) {
        this.feed = feed;
        this.messages = new EventMessages(time);
        this.http = http;
        this.health = health;
        this.healthMessage = new HealthMessage(time);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        QueryStringDecoder uri = ApiParams.decodeUri(request.uri());
        if (!PATH.equals(uri.rawPath())) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            upgrade(ctx, request, uri);
        } catch (ApiException e) {
            request.release();
            ctx.writeAndFlush(HttpReplies.error(JSON, e));
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri)
            throws ApiException {
        if (!HttpMethod.GET.equals(request.method())) {
            request.release();
            ctx.writeAndFlush(HttpReplies.notAllowed(JSON, request.method().name(), "GET"));
            return;
        }
        String notAHandshake = WebSocketUpgrade.notAHandshake(request, PATH);
        if (notAHandshake != null) {
            // Checked here, while a refusal can still be the API's error: the handshake itself would fail less
            // clearly.
            throw ApiException.of(ErrorCode.BAD_REQUEST, notAHandshake);
        }
        ApiParams params = ApiParams.from(uri, request);
        // Without after_id: the events from now on.
        long afterId = params.text("after_id") == null ? -1 : params.number("after_id", 0, 0, Long.MAX_VALUE);
        int kinds = (int) params.number("kinds", EventKind.ALL, 1, EventKind.ALL);
        FeedFilter filter = new FeedFilter(kinds, params.sips());
        boolean withHealth = params.number("health", 0, 0, 1) == 1;
        String baseUrl = BaseUrl.of(http, request.headers().get(HttpHeaderNames.HOST), ctx.channel().localAddress());

        WebSocketUpgrade.upgrade(ctx, request, PATH, http, MAX_FRAME_BYTES, silentCloser,
                new EventSession(feed, messages, afterId, filter, baseUrl, withHealth ? health : null, healthMessage));
    }

    /** Feed connections closed for not answering pings, since the server started. */
    public long silentClosed() {
        return silentCloser.closed();
    }
}
