package io.callcontrol.face.novofon;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary access tokens {@code login.user} hands out: each names its user and lives one hour (the contract's
 * session lifetime), then is unknown. Held in memory: a restart logs everyone out, as a session should not outlive
 * the daemon that opened it. Bounded: beyond {@link #MAX_SESSIONS} live sessions a login is refused.
 */
final class Sessions {

    static final Duration LIFETIME = Duration.ofHours(1);
    static final int MAX_SESSIONS = 10_000;

    /** An open session: whose it is and when it ends. */
    record Session(String user, Instant expiresAt) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** Opens a session for {@code user}; null when too many are open. */
    synchronized OpenSession open(String user) {
        Instant now = clock.instant();
        if (byToken.size() >= MAX_SESSIONS) {
            byToken.values().removeIf(session -> !now.isBefore(session.expiresAt()));
            if (byToken.size() >= MAX_SESSIONS) {
                return null;
            }
        }
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        Session session = new Session(user, now.plus(LIFETIME));
        byToken.put(token, session);
        return new OpenSession(token, session);
    }

    /** The user of a live session, or null: unknown, closed or expired (an expired one is forgotten). */
    String user(String token) {
        Session session = byToken.get(token);
        if (session == null) {
            return null;
        }
        if (!clock.instant().isBefore(session.expiresAt())) {
            byToken.remove(token, session);
            return null;
        }
        return session.user();
    }

    /** Ends a session; whether it was live. */
    boolean close(String token) {
        return user(token) != null && byToken.remove(token) != null;
    }

    /** How many sessions are held, live or not yet swept. */
    int held() {
        return byToken.size();
    }

    /** A new session and its token. */
    record OpenSession(String token, Session session) {
    }
}
