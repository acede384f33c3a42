package io.callcontrol.face;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary keys a face's login hands out: each names its user and lives one hour (the session lifetime of the
 * services the faces copy), then is refused as expired. Held in memory: a restart logs everyone out, as a session
 * should not outlive the daemon that opened it. Bounded: beyond {@link #MAX_SESSIONS} sessions the expired ones are
 * swept, and when all are live a login is refused.
 */
public final class Sessions {

    public static final Duration LIFETIME = Duration.ofHours(1);
    public static final int MAX_SESSIONS = 10_000;

    /** An open session: whose it is and when it ends. */
    public record Session(String user, Instant expiresAt) {
    }

    /** A new session and its token. */
    public record OpenSession(String token, Session session) {
    }

    /** What a token is now: a live session's, an expired one's (not swept yet), or nothing known. */
    public enum State {
        LIVE, EXPIRED, UNKNOWN
    }

    private final Clock clock;
    private final int tokenBytes;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();

    /** Sessions whose tokens are {@code tokenBytes} random bytes, written as hex. */
    public Sessions(Clock clock, int tokenBytes) {
        this.clock = clock;
        this.tokenBytes = tokenBytes;
    }

    /** Opens a session for {@code user}; null when too many are open. */
    public synchronized OpenSession open(String user) {
        Instant now = clock.instant();
        if (byToken.size() >= MAX_SESSIONS) {
            byToken.values().removeIf(session -> !now.isBefore(session.expiresAt()));
            if (byToken.size() >= MAX_SESSIONS) {
                return null;
            }
        }
        byte[] secret = new byte[tokenBytes];
        random.nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        Session session = new Session(user, now.plus(LIFETIME));
        byToken.put(token, session);
        return new OpenSession(token, session);
    }

    /** The user of a live session, or null: unknown, closed or expired. */
    public String user(String token) {
        Session session = byToken.get(token);
        return session != null && clock.instant().isBefore(session.expiresAt()) ? session.user() : null;
    }

    /** Whether {@code token} is a live session, one that has expired, or unknown. */
    public State state(String token) {
        Session session = byToken.get(token);
        if (session == null) {
            return State.UNKNOWN;
        }
        return clock.instant().isBefore(session.expiresAt()) ? State.LIVE : State.EXPIRED;
    }

    /** Ends a session; whether it was live. */
    public boolean close(String token) {
        return user(token) != null && byToken.remove(token) != null;
    }

    /** How many sessions are held, live or not yet swept. */
    public int held() {
        return byToken.size();
    }
}
