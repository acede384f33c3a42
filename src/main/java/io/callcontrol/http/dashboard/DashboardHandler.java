package io.callcontrol.http.dashboard;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.access.ApiKeys;
import io.callcontrol.http.api.ApiParams;
import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.ResponseWriters;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The supervisor dashboard's own paths: {@code /} (to the dashboard), {@code /dashboard}, its login and logout,
 * its snapshot and its static files. When http.api.keys is set, the page needs a session, opened by logging in
 * with a key; the login page and the static files (nothing secret in them) need none. Comes after the access
 * check, which leaves these paths to it, and after the rate limit, which so also bounds guesses at keys.
 */
@ChannelHandler.Sharable
public final class DashboardHandler extends ChannelInboundHandlerAdapter {

    static final String PAGE = "/dashboard";
    static final String LOGIN = PAGE + "/login";
    static final String LOGOUT = PAGE + "/logout";
    static final String STATE = PAGE + "/state.json";
    static final String STATIC = PAGE + "/";
    /** The form field of the login page, and of the logout form. */
    static final String KEY_FIELD = "key";
    static final String CSRF_FIELD = "csrf_token";
    /** Every path served here: the access check leaves them to this handler. */
    public static final Set<String> PATHS = Set.of("/", PAGE, LOGIN, LOGOUT, STATE, STATIC + "app.js",
            STATIC + "app.css");

    private static final ResponseWriter JSON = ResponseWriters.find("json");

    private final HttpConfig http;
    private final ApiKeys keys;
    private final Sessions sessions;
    private final SessionRules rules;
    private final SessionCookie cookie;
    private final DashboardAssets assets = new DashboardAssets();
    private final DashboardState state;
    private final Executor workers;

    DashboardHandler(HttpConfig http, Sessions sessions, SessionRules rules, DashboardState state, Executor workers) {
        this.http = http;
        this.keys = new ApiKeys(http.apiKeys());
        this.sessions = sessions;
        this.rules = rules;
        this.cookie = new SessionCookie(http.publicUrl().startsWith("https://"));
        this.state = state;
        this.workers = workers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = ApiParams.decodeUri(request.uri()).path();
        if (!path.equals("/") && !path.equals(PAGE) && !path.startsWith(STATIC)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            FullHttpResponse response = answer(ctx, request, path);
            if (response != null) {
                ctx.writeAndFlush(response);
            }
        } catch (ApiException e) {
            ctx.writeAndFlush(HttpReplies.error(JSON, e));
        } finally {
            request.release();
        }
    }

    /** The answer, or null when a worker writes it. */
    private FullHttpResponse answer(ChannelHandlerContext ctx, FullHttpRequest request, String path)
            throws ApiException {
        boolean read = HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method());
        boolean post = HttpMethod.POST.equals(request.method());
        if (path.equals(LOGIN) && post) {
            return login(request);
        }
        if (path.equals(LOGOUT) && post) {
            return logout(request);
        }
        if (!read) {
            return HttpReplies.notAllowed(JSON, request.method().name(),
                    path.equals(LOGIN) ? "GET, HEAD, POST" : path.equals(LOGOUT) ? "POST" : "GET, HEAD");
        }
        if (path.equals("/")) {
            return Pages.redirect(PAGE);
        }
        if (path.equals(LOGIN)) {
            return http.keysRequired() ? Pages.html(HttpResponseStatus.OK, assets.login("")) : Pages.redirect(PAGE);
        }
        if (path.startsWith(STATIC) && !path.equals(STATE)) {
            DashboardAssets.Asset asset = assets.file(path.substring(STATIC.length()));
            if (asset == null) {
                throw ApiException.of(ErrorCode.NOT_FOUND, path + ": the dashboard has no such file");
            }
            return Pages.file(asset);
        }
        Sessions.Session session = sessions.find(SessionCookie.sessionId(request));
        if (http.keysRequired() && session == null) {
            if (path.equals(STATE)) {
                throw ApiException.of(ErrorCode.UNAUTHORIZED, "the dashboard's session has ended: log in again at "
                        + LOGIN);
            }
            return Pages.redirect(LOGIN);
        }
        if (path.equals(PAGE)) {
            return Pages.html(HttpResponseStatus.OK, assets.page(session == null ? "" : session.csrfToken()));
        }
        snapshot(ctx);
        return null;
    }

    /** A key that is one of http.api.keys opens a session; any other gets the form again, and no cookie. */
    private FullHttpResponse login(FullHttpRequest request) throws ApiException {
        if (!http.keysRequired()) {
            return Pages.redirect(PAGE);
        }
        refuseForeign(request);
        List<String> presented = form(request).get(KEY_FIELD);
        String name = presented == null ? null : keys.nameOf(presented.get(0).trim());
        if (name == null) {
            return Pages.html(HttpResponseStatus.UNAUTHORIZED, assets.login("That is not one of this daemon's API"
                    + " keys."));
        }
        Sessions.Session session = sessions.open(name);
        FullHttpResponse response = Pages.redirect(PAGE);
        response.headers().set(HttpHeaderNames.SET_COOKIE, cookie.open(session.id(),
                sessions.config().sessionLifetime()));
        return response;
    }

    /** Ends the session the request carries, when the form repeats its CSRF token; forgets the cookie. */
    private FullHttpResponse logout(FullHttpRequest request) throws ApiException {
        Sessions.Session session = sessions.find(SessionCookie.sessionId(request));
        if (session != null) {
            List<String> token = form(request).get(CSRF_FIELD);
            if (!session.csrfMatches(token == null ? null : token.get(0))) {
                throw ApiException.of(ErrorCode.FORBIDDEN, CSRF_FIELD + ": logging out needs the session's token");
            }
            sessions.close(session.id());
        }
        FullHttpResponse response = Pages.redirect(LOGIN);
        response.headers().set(HttpHeaderNames.SET_COOKIE, cookie.clear());
        return response;
    }

    /** A browser says where a form came from: only this daemon's own login page may log in. */
    private void refuseForeign(FullHttpRequest request) throws ApiException {
        if (request.headers().contains(HttpHeaderNames.ORIGIN) && !rules.sameOrigin(request)) {
            throw ApiException.of(ErrorCode.FORBIDDEN, "the login form must come from the dashboard's own page");
        }
    }

    private static Map<String, List<String>> form(FullHttpRequest request) throws ApiException {
        try {
            return ApiParams.formParameters(request);
        } catch (IllegalArgumentException malformed) {
            throw ApiException.of(ErrorCode.BAD_REQUEST, "the form is not valid x-www-form-urlencoded");
        }
    }

    private void snapshot(ChannelHandlerContext ctx) {
        try {
            workers.execute(() -> {
                try {
                    ctx.writeAndFlush(HttpReplies.ok(JSON, state.read("")));
                } catch (RuntimeException e) {
                    ctx.writeAndFlush(HttpReplies.error(JSON, ApiException.unexpected(e)));
                }
            });
        } catch (RejectedExecutionException e) {
            ctx.writeAndFlush(HttpReplies.error(JSON, ApiException.overloaded()));
        }
    }
}
