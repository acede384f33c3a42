package io.callcontrol.http.dashboard;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.time.Duration;

/**
 * The session cookie: {@code HttpOnly} (page scripts never see it), {@code SameSite=Strict} (no other site's page
 * makes the browser send it), {@code Path=/} (the API and recordings need it too), {@code Secure} when the daemon is
 * reached over TLS (http.public.url is https), and a Max-Age of the session's lifetime.
 */
final class SessionCookie {

    static final String NAME = "cc_session";

    private final boolean secure;

    /** {@code secure}: the browser reaches the daemon over https, so the cookie must never travel over http. */
    SessionCookie(boolean secure) {
        this.secure = secure;
    }

    /** The session id the request's cookie carries, or null. */
    static String sessionId(HttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return null;
        }
        for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
            if (NAME.equals(cookie.name())) {
                return cookie.value();
            }
        }
        return null;
    }

    /** The Set-Cookie value that opens the session. */
    String open(String sessionId, Duration lifetime) {
        return ServerCookieEncoder.STRICT.encode(cookie(sessionId, lifetime.toSeconds()));
    }

    /** The Set-Cookie value that makes the browser forget it. */
    String clear() {
        return ServerCookieEncoder.STRICT.encode(cookie("", 0));
    }

    private DefaultCookie cookie(String value, long maxAgeSeconds) {
        DefaultCookie cookie = new DefaultCookie(NAME, value);
        cookie.setHttpOnly(true);
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        cookie.setPath("/");
        cookie.setSecure(secure);
        cookie.setMaxAge(maxAgeSeconds);
        return cookie;
    }
}
