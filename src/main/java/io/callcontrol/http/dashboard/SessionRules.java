package io.callcontrol.http.dashboard;

import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.access.SessionAccess;
import io.callcontrol.http.recordings.RecordingFiles;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.util.Locale;

/**
 * What a dashboard session may do beyond its own pages, as its API key could: every API method, when the request
 * repeats the session's CSRF token in {@value #CSRF_HEADER} (a form on another site cannot set a header); the event
 * feed, when the WebSocket comes from a page of this daemon (browsers always send {@code Origin} there and cannot
 * set headers); recordings, read-only (GET, HEAD), so an {@code <audio>} element can play them.
 */
final class SessionRules implements SessionAccess {

    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String FEED_PATH = "/api/events";

    private final Sessions sessions;
    private final String publicUrl;

    /** {@code publicUrl}: http.public.url, whose origin is this daemon's too (behind a proxy); may be empty. */
    SessionRules(Sessions sessions, String publicUrl) {
        this.sessions = sessions;
        this.publicUrl = publicUrl;
    }

    @Override
    public String keyName(FullHttpRequest request, QueryStringDecoder uri) throws ApiException {
        Sessions.Session session = sessions.find(SessionCookie.sessionId(request));
        if (session == null) {
            return null;
        }
        String path = uri.path();
        if (path.startsWith(RecordingFiles.PREFIX)) {
            if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
                throw refused("a dashboard session may only read recordings (GET, HEAD)");
            }
        } else if (FEED_PATH.equals(path)) {
            if (!sameOrigin(request)) {
                throw refused("a dashboard session's feed must come from the dashboard's own page (Origin)");
            }
        } else if (!session.csrfMatches(request.headers().get(CSRF_HEADER))) {
            throw refused("a dashboard session's API request must carry the session's " + CSRF_HEADER + " header");
        }
        return session.keyName();
    }

    /** Whether the request's Origin is this daemon, as the browser reached it or as http.public.url names it. */
    boolean sameOrigin(FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            return false;
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        try {
            URI from = new URI(origin);
            if (host != null && host.equalsIgnoreCase(from.getRawAuthority())) {
                return true;
            }
            return !publicUrl.isEmpty() && origin.toLowerCase(Locale.ROOT).equals(originOf(publicUrl));
        } catch (java.net.URISyntaxException malformed) {
            return false;
        }
    }

    private static String originOf(String url) throws java.net.URISyntaxException {
        URI uri = new URI(url);
        return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
    }

    private static ApiException refused(String message) {
        return ApiException.of(ErrorCode.FORBIDDEN, message);
    }
}
