package io.callcontrol.face.prostiezvonki;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.config.ProstiezvonkiConfig;
import io.callcontrol.dial.Dialer;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.BaseUrl;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.feed.SilentFeedCloser;
import io.callcontrol.http.feed.WebSocketUpgrade;
import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.ResponseWriters;
import io.callcontrol.push.EventFeed;
import io.callcontrol.storage.History;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prostiezvonki-compatible events face: {@code GET /prostiezvonki} is a WebSocket per operator ({@link PzSession})
 * and {@code GET /prostiezvonki/prostiezvonki.js} the browser script that speaks it ({@link ScriptHandler}). A thin
 * adapter: the events are the event feed's, the calls makeCall's. docs/FACES.md has the protocol.
 */
@ChannelHandler.Sharable
public final class ProstiezvonkiFace extends ChannelInboundHandlerAdapter {

    public static final String PATH = "/prostiezvonki";
    /** Close code: "Ошибка авторизации (4008)". */
    static final int AUTH_FAILED = 4008;
    /** Close code: the same user_phone connected again (4009). */
    static final int REPLACED = 4009;
    /** The client sends small commands only. */
    private static final int MAX_FRAME_BYTES = 4096;
    private static final ResponseWriter JSON = ResponseWriters.find("json");
    private static final Logger log = LoggerFactory.getLogger(ProstiezvonkiFace.class);

    private final ProstiezvonkiConfig config;
    private final HttpConfig http;
    private final EventFeed feed;
    private final History history;
    private final Commands commands;
    private final Executor workers;
    private final SilentFeedCloser silentCloser = new SilentFeedCloser();
    /** The one connection of each operator. */
    private final Map<String, Channel> operators = new ConcurrentHashMap<>();

    ProstiezvonkiFace(ProstiezvonkiConfig config, HttpConfig http, EventFeed feed, History history, Dialer dialer,
            Executor workers) {
        this.config = config;
        this.http = http;
        this.feed = feed;
        this.history = history;
        this.commands = new Commands(dialer, workers);
        this.workers = workers;
    }

    /** The face's two paths (each the face's own, where the API's key is not asked for) and their handlers. */
    public static Map<String, Function<Executor, ChannelHandler>> handlers(ProstiezvonkiConfig config,
            HttpConfig http, EventFeed feed, History history, Dialer dialer) {
        Map<String, Function<Executor, ChannelHandler>> handlers = new LinkedHashMap<>();
        handlers.put(PATH, workers -> new ProstiezvonkiFace(config, http, feed, history, dialer, workers));
        ScriptHandler script = new ScriptHandler();
        handlers.put(ScriptHandler.PATH, workers -> script);
        return handlers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !PATH.equals(new QueryStringDecoder(request.uri()).path())) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            request.release();
            ctx.writeAndFlush(HttpReplies.notAllowed(JSON, request.method().name(), "GET"));
            return;
        }
        String notAHandshake = WebSocketUpgrade.notAHandshake(request, PATH);
        if (notAHandshake != null) {
            request.release();
            ctx.writeAndFlush(HttpReplies.error(JSON, ApiException.of(ErrorCode.BAD_REQUEST, notAHandshake)));
            return;
        }
        String baseUrl = BaseUrl.of(http, request.headers().get(HttpHeaderNames.HOST), ctx.channel().localAddress());
        WebSocketUpgrade.upgrade(ctx, request, PATH, http, MAX_FRAME_BYTES, silentCloser, new PzSession(this,
                baseUrl));
    }

    /** Whether {@code clientId} is the password of operator {@code sip}; compared in constant time. */
    boolean admits(String sip, String clientId) {
        String password = sip == null ? null : config.users().get(sip);
        return password != null && clientId != null && MessageDigest.isEqual(
                password.getBytes(StandardCharsets.UTF_8), clientId.getBytes(StandardCharsets.UTF_8));
    }

    /** The operator's new connection; an older one of the same operator is closed with 4009. */
    void connected(String sip, Channel channel) {
        Channel older = operators.put(sip, channel);
        log.info("Prostiezvonki face: operator {} connected from {}", sip, channel.remoteAddress());
        if (older != null && older != channel) {
            older.writeAndFlush(new CloseWebSocketFrame(REPLACED, "operator " + sip + " connected again elsewhere"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    void disconnected(String sip, Channel channel) {
        if (operators.remove(sip, channel)) {
            log.info("Prostiezvonki face: operator {} disconnected", sip);
        }
    }

    /** How long a new connection has to send its {@code connect}. */
    Duration connectWithin() {
        return http.idleTimeout();
    }

    EventFeed feed() {
        return feed;
    }

    History history() {
        return history;
    }

    /** The HTTP server's worker pool, for the JDBC a connection needs. */
    Executor workers() {
        return workers;
    }

    Commands commands() {
        return commands;
    }
}
