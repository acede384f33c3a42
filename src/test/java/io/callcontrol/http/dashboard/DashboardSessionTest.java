package io.callcontrol.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callcontrol.config.DashboardConfig;
import io.callcontrol.config.HttpConfig;
import io.callcontrol.http.FakeHistory;
import io.callcontrol.http.TestClock;
import io.callcontrol.http.access.AccessHandler;
import io.callcontrol.http.render.TimeFormat;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's session rules on the access check's pipeline: the login, the cookie's attributes, the CSRF token
 * on every API request a session makes, the feed's origin, read-only recordings, expiry and logout.
 */
class DashboardSessionTest {

    private static final String SECRET = "A1b2C3d4E5f6G7h8-sup";
    private static final Pattern SESSION = Pattern.compile("cc_session=([A-Za-z0-9_-]+)");
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" content=\"([A-Za-z0-9_-]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T09:00:00Z"));
    private EmbeddedChannel channel = channel("");

    /** Access check, then the dashboard, then a stand-in for the API that says whom the request was charged to. */
    private EmbeddedChannel channel(String publicUrl) {
        HttpConfig base = new HttpConfig("127.0.0.1", 0, publicUrl, 65_536, 2);
        HttpConfig http = new HttpConfig(base.bind(), base.port(), base.publicUrl(), base.maxRequestBytes(),
                base.workerThreads(), base.ioThreads(), base.idleTimeout(), base.maxConnections(),
                base.maxConnectionsPerPeer(), List.of(new HttpConfig.ApiKey("sup", SECRET)), base.allow(), 0, 0);
        Dashboard dashboard = new Dashboard(http, new DashboardConfig(Duration.ofHours(1), 2), new FakeHistory(),
                null, new TimeFormat(ZoneOffset.UTC), clock, Runnable::run);
        return new EmbeddedChannel(new AccessHandler(http, Dashboard.pathsWith(Set.of()), dashboard.sessionAccess()),
                dashboard.handler(), new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                        String caller = ctx.channel().attr(AccessHandler.CALLER).get();
                        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                Unpooled.copiedBuffer(caller, StandardCharsets.UTF_8)));
                    }
                });
    }

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private record Reply(int status, String location, String cookie, String body) {
        String errorCode() throws Exception {
            JsonNode json = JSON.readTree(body);
            return json.at("/error/code").asText();
        }
    }

    private Reply send(HttpMethod method, String uri, String body, String... headers) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.HOST, "dash.example:8080");
        if (!body.isEmpty()) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        try {
            return new Reply(response.status().code(), response.headers().get(HttpHeaderNames.LOCATION),
                    response.headers().get(HttpHeaderNames.SET_COOKIE),
                    response.content().toString(StandardCharsets.UTF_8));
        } finally {
            ReferenceCountUtil.release(response);
        }
    }

    private Reply get(String uri, String... headers) {
        return send(HttpMethod.GET, uri, "", headers);
    }

    /** Logs in; the session id from its cookie. */
    private String login() {
        Reply reply = send(HttpMethod.POST, "/dashboard/login", "key=" + SECRET);
        assertThat(reply.status()).as(reply.body()).isEqualTo(303);
        Matcher m = SESSION.matcher(reply.cookie());
        assertThat(m.find()).as(reply.cookie()).isTrue();
        return m.group(1);
    }

    private String csrfOf(String session) {
        Reply page = get("/dashboard", "Cookie", "cc_session=" + session);
        assertThat(page.status()).isEqualTo(200);
        Matcher m = TOKEN.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return m.group(1);
    }

    @Test
    void rootAndDashboardLeadToTheLoginWithoutASession() {
        assertThat(get("/").location()).isEqualTo("/dashboard");
        Reply page = get("/dashboard");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.location()).isEqualTo("/dashboard/login");
        Reply login = get("/dashboard/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"key\"").doesNotContain("{{");
        assertThat(get("/dashboard/app.js").status()).isEqualTo(200);
    }

    @Test
    void aWrongKeyOpensNoSession() {
        Reply reply = send(HttpMethod.POST, "/dashboard/login", "key=not-the-key-at-all-1234");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.cookie()).isNull();
        assertThat(reply.body()).contains("not one of this daemon's API keys").doesNotContain("not-the-key");
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictForTheWholeSiteAndLastsTheSessionsLifetime() {
        Reply reply = send(HttpMethod.POST, "/dashboard/login", "key=" + SECRET);
        assertThat(reply.location()).isEqualTo("/dashboard");
        // attribute names are case-insensitive (RFC 6265): Netty spells it HTTPOnly
        assertThat(reply.cookie()).containsIgnoringCase("; HttpOnly")
                .contains("SameSite=Strict", "Path=/", "Max-Age=3600")
                .doesNotContain("Secure").doesNotContain(SECRET);
    }

    @Test
    void behindTlsTheCookieIsSecure() {
        channel.finishAndReleaseAll();
        channel = channel("https://calls.example");
        assertThat(send(HttpMethod.POST, "/dashboard/login", "key=" + SECRET).cookie()).contains("Secure");
    }

    @Test
    void thePageCarriesTheSessionsCsrfTokenAndNeverTheKey() {
        String session = login();
        Reply page = get("/dashboard", "Cookie", "cc_session=" + session);
        assertThat(page.body()).doesNotContain(SECRET).doesNotContain(session).doesNotContain("{{");
        assertThat(csrfOf(session)).isNotEqualTo(session);
    }

    @Test
    void anApiRequestOfASessionNeedsItsCsrfToken() throws Exception {
        String session = login();
        String csrf = csrfOf(session);
        String cookie = "cc_session=" + session;

        Reply none = get("/api/makeCall.json?sip=1000&phone=380639920000&order_id=1&external_key=1", "Cookie", cookie);
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.errorCode()).isEqualTo("forbidden");
        assertThat(none.body()).contains("X-CSRF-Token");
        Reply wrong = send(HttpMethod.POST, "/api/makeCall.json", "sip=1000", "Cookie", cookie, "X-CSRF-Token",
                csrf.substring(1) + "x");
        assertThat(wrong.status()).isEqualTo(403);

        Reply right = send(HttpMethod.POST, "/api/makeCall.json", "sip=1000", "Cookie", cookie, "X-CSRF-Token", csrf);
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("key 'sup'");
    }

    @Test
    void aTokenWithoutTheCookieIsNothing() throws Exception {
        String csrf = csrfOf(login());
        Reply reply = get("/api/sipList.json", "X-CSRF-Token", csrf);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void theFeedOfASessionMustComeFromTheDashboardsOwnOrigin() throws Exception {
        String cookie = "cc_session=" + login();
        Reply foreign = get("/api/events", "Cookie", cookie, "Origin", "https://evil.example");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.errorCode()).isEqualTo("forbidden");
        assertThat(get("/api/events", "Cookie", cookie).status()).as("no Origin").isEqualTo(403);
        assertThat(get("/api/events", "Cookie", cookie, "Origin", "http://dash.example:8080").body())
                .isEqualTo("key 'sup'");
    }

    @Test
    void aSessionReadsRecordingsWithoutATokenButChangesNothingThere() {
        String cookie = "cc_session=" + login();
        assertThat(get("/recordings/1.wav", "Cookie", cookie).body()).isEqualTo("key 'sup'");
        assertThat(send(HttpMethod.DELETE, "/recordings/1.wav", "", "Cookie", cookie).status()).isEqualTo(403);
    }

    @Test
    void aSessionEndsAfterItsLifetime() throws Exception {
        String session = login();
        String csrf = csrfOf(session);
        clock.advance(Duration.ofMinutes(59));
        assertThat(get("/api/sipList.json", "Cookie", "cc_session=" + session, "X-CSRF-Token", csrf).status())
                .isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        Reply api = get("/api/sipList.json", "Cookie", "cc_session=" + session, "X-CSRF-Token", csrf);
        assertThat(api.status()).isEqualTo(401);
        assertThat(get("/dashboard", "Cookie", "cc_session=" + session).location()).isEqualTo("/dashboard/login");
        assertThat(get("/dashboard/state.json", "Cookie", "cc_session=" + session).errorCode())
                .isEqualTo("unauthorized");
    }

    @Test
    void logoutNeedsTheTokenThenEndsTheSessionAndClearsTheCookie() {
        String session = login();
        String csrf = csrfOf(session);
        String cookie = "cc_session=" + session;

        Reply forged = send(HttpMethod.POST, "/dashboard/logout", "csrf_token=guess", "Cookie", cookie);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(get("/dashboard", "Cookie", cookie).status()).as("still logged in").isEqualTo(200);

        Reply out = send(HttpMethod.POST, "/dashboard/logout", "csrf_token=" + csrf, "Cookie", cookie);
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.location()).isEqualTo("/dashboard/login");
        assertThat(out.cookie()).contains("cc_session=", "Max-Age=0");
        assertThat(get("/api/sipList.json", "Cookie", cookie, "X-CSRF-Token", csrf).status()).isEqualTo(401);
    }

    @Test
    void aLoginFormFromAnotherSiteIsRefused() throws Exception {
        Reply reply = send(HttpMethod.POST, "/dashboard/login", "key=" + SECRET, "Origin", "https://evil.example");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.cookie()).isNull();
    }

    @Test
    void pastTheMostSessionsTheOneClosestToItsEndGoes() {
        String first = login();
        clock.advance(Duration.ofMinutes(1));
        String second = login();
        clock.advance(Duration.ofMinutes(1));
        String third = login();
        assertThat(get("/dashboard", "Cookie", "cc_session=" + first).status()).isEqualTo(303);
        assertThat(get("/dashboard", "Cookie", "cc_session=" + second).status()).isEqualTo(200);
        assertThat(get("/dashboard", "Cookie", "cc_session=" + third).status()).isEqualTo(200);
    }

    @Test
    void pagesAllowNothingFromElsewhere() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/dashboard/login");
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.headers().get("Content-Security-Policy")).contains("default-src 'self'",
                    "frame-ancestors 'none'");
            assertThat(response.headers().get("X-Frame-Options")).isEqualTo("DENY");
        } finally {
            ReferenceCountUtil.release(response);
        }
    }
}
