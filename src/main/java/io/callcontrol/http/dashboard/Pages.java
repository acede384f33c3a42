package io.callcontrol.http.dashboard;

import io.callcontrol.http.HttpReplies;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** The dashboard's answers: pages that only load what this daemon serves, and cannot be framed by another site. */
final class Pages {

    /**
     * Scripts, styles, media, the feed and API calls from this daemon only; no inline script, no plugin, no frame
     * around the page; forms post to this daemon only.
     */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private Pages() {
    }

    static FullHttpResponse html(HttpResponseStatus status, byte[] page) {
        return guarded(HttpReplies.bytes(status, "text/html; charset=utf-8", page));
    }

    /** A static file: the same for every visitor, but it changes with the daemon's version, so not cached long. */
    static FullHttpResponse file(DashboardAssets.Asset asset) {
        FullHttpResponse response = guarded(HttpReplies.bytes(HttpResponseStatus.OK, asset.contentType(),
                asset.bytes()));
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return response;
    }

    /** 303: the browser GETs {@code location} next, whatever the method was. */
    static FullHttpResponse redirect(String location) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SEE_OTHER);
        response.headers().set(HttpHeaderNames.LOCATION, location).setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }

    /** same-origin: a browser then sends Origin on the page's own form posts, which the login checks. */
    private static FullHttpResponse guarded(FullHttpResponse response) {
        HttpHeaders headers = response.headers();
        headers.set("Content-Security-Policy", POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "same-origin");
        return response;
    }
}
