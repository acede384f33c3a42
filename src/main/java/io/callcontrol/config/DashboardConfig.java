package io.callcontrol.config;

import java.time.Duration;

/**
 * The supervisor dashboard's sessions: how long a login lasts, and how many sessions are kept at once (past that,
 * a new login ends the session closest to its end).
 */
public record DashboardConfig(Duration sessionLifetime, int maxSessions) {

    /** A working day's shift: a supervisor logs in once a day. */
    public static final DashboardConfig DEFAULT = new DashboardConfig(Duration.ofHours(8), 1000);

    static DashboardConfig from(Settings s) {
        return new DashboardConfig(
                s.duration("dashboard.session.lifetime", DEFAULT.sessionLifetime(), Duration.ofMinutes(1),
                        Duration.ofDays(30)),
                s.integer("dashboard.sessions.max", DEFAULT.maxSessions(), 1, 100_000));
    }
}
