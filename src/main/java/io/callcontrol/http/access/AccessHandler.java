package io.callcontrol.http.access;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.api.ApiParams;
import io.callcontrol.http.guard.PeerFilter;
import io.callcontrol.http.monitor.HealthHandler;
import io.callcontrol.http.monitor.OpenApiHandler;
import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.ResponseWriters;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may ask: when http.api.keys is set, the request must present one of the keys (401). Recording downloads pass
 * here too. Names the caller for the rate limits. The peer's address was checked against http.allow when the
 * connection opened ({@link PeerFilter}).
 */
@ChannelHandler.Sharable
public final class AccessHandler extends ChannelInboundHandlerAdapter {

    /** Whom the current request is charged to: {@code key 'crm'} or {@code address 10.0.0.7}. */
    public static final AttributeKey<String> CALLER = AttributeKey.valueOf(AccessHandler.class, "caller");

    private static final Logger log = LoggerFactory.getLogger(AccessHandler.class);

    private final ApiKeys keys;
    /** The faces' paths: each face checks its own credentials, so http.api.keys is not asked for there. */
    private final Set<String> ownCredentials;
    /** A browser's session, in place of a key when the request presents none. */
    private final SessionAccess sessions;

    /** @param ownCredentials the faces' paths, where each face checks its own credentials */
    public AccessHandler(HttpConfig http, Set<String> ownCredentials) {
        this(http, ownCredentials, SessionAccess.NONE);
    }

    /** @param sessions what a request that presents no key may present instead */
    public AccessHandler(HttpConfig http, Set<String> ownCredentials, SessionAccess sessions) {
        this.keys = new ApiKeys(http.apiKeys());
        this.ownCredentials = Set.copyOf(ownCredentials);
        this.sessions = sessions;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        QueryStringDecoder uri = ApiParams.decodeUri(request.uri());
        ResponseWriter writer = ResponseWriters.forPath(uri.path());
        InetAddress peer = PeerFilter.peer(ctx.channel());
        String caller = "address " + (peer == null ? "unknown" : peer.getHostAddress());
        if (keys.required() && !HealthHandler.PATH.equals(uri.path()) && !OpenApiHandler.serves(uri.path())
                && !ownCredentials.contains(uri.path())) {
            String secret = ApiKeys.presented(request, uri);
            String name = keys.nameOf(secret);
            if (secret == null) {
                try {
                    name = sessions.keyName(request, uri);
                } catch (ApiException e) {
                    request.release();
                    ctx.writeAndFlush(HttpReplies.error(writer, e));
                    return;
                }
            }
            if (name == null) {
                request.release();
                refuse(ctx, writer, secret == null, caller);
                return;
            }
            caller = "key '" + name + "'";
        }
        ctx.channel().attr(CALLER).set(caller);
        ctx.fireChannelRead(request);
    }

    /** A 401 that says how to present a key; never repeats what was presented. */
    private static void refuse(ChannelHandlerContext ctx, ResponseWriter writer, boolean missing, String caller) {
        log.debug("HTTP request from {} refused: {} API key", caller, missing ? "no" : "an invalid");
        FullHttpResponse response = HttpReplies.error(writer, ApiException.of(ErrorCode.UNAUTHORIZED, missing
                ? "an API key is required: send it in the " + ApiKeys.HEADER + " header, as Authorization: Bearer,"
                        + " or as the " + ApiParams.API_KEY + " parameter"
                : "the API key is not valid"));
        response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"callcontrol\"");
        ctx.writeAndFlush(response);
    }
}
