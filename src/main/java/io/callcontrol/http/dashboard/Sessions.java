package io.callcontrol.http.dashboard;

import io.callcontrol.config.DashboardConfig;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's logins, kept in memory on the server: the browser holds only a random session id (in a cookie
 * page scripts cannot read), never the API key it logged in with. Each session has its own CSRF token, which every
 * state-changing request must repeat. A session ends at logout or {@code dashboard.session.lifetime} after login;
 * a restart of the daemon ends them all.
 */
public final class Sessions {

    /** One login: the name of the API key it was opened with, its CSRF token, and when it ends. */
    public record Session(String id, String keyName, String csrfToken, Instant expiresAt) {

        /** Whether {@code token} is this session's CSRF token; compared in constant time. */
        public boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final int TOKEN_BYTES = 32;

    private final DashboardConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    public Sessions(DashboardConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** A new session for the key named {@code keyName}; at dashboard.sessions.max the one closest to its end goes. */
    public synchronized Session open(String keyName) {
        Instant now = clock.instant();
        byId.values().removeIf(s -> !s.expiresAt().isAfter(now));
        while (byId.size() >= config.maxSessions()) {
            byId.values().stream().min(Comparator.comparing(Session::expiresAt))
                    .ifPresent(oldest -> byId.remove(oldest.id()));
        }
        Session session = new Session(token(), keyName, token(), now.plus(config.sessionLifetime()));
        byId.put(session.id(), session);
        return session;
    }

    /** The live session with this id, or null (none, unknown, or expired: an expired one is forgotten). */
    public Session find(String id) {
        if (id == null) {
            return null;
        }
        Session session = byId.get(id);
        if (session == null) {
            return null;
        }
        if (!session.expiresAt().isAfter(clock.instant())) {
            byId.remove(id, session);
            return null;
        }
        return session;
    }

    /** Ends the session; nothing when it is gone already. */
    public void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Sessions held now, expired ones not yet forgotten included. */
    int size() {
        return byId.size();
    }

    /** How long a session lasts. */
    DashboardConfig config() {
        return config;
    }

    /** 256 random bits, URL-safe: nothing to guess, nothing to escape in a cookie or a form. */
    private String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
