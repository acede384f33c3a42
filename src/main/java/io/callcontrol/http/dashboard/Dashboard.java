package io.callcontrol.http.dashboard;

import io.callcontrol.config.DashboardConfig;
import io.callcontrol.config.HttpConfig;
import io.callcontrol.http.access.SessionAccess;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.push.EventFeed;
import io.callcontrol.storage.History;
import io.netty.channel.ChannelHandler;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The supervisor dashboard as the HTTP server takes it: its handler, its paths (which it guards itself), and what
 * its sessions may do on the API's paths. One per server: the sessions live as long as the server.
 */
public final class Dashboard {

    private final Sessions sessions;
    private final SessionRules rules;
    private final DashboardHandler handler;

    public Dashboard(HttpConfig http, DashboardConfig config, History history, EventFeed feed, TimeFormat time,
                     Clock clock, Executor workers) {
        this.sessions = new Sessions(config, clock);
        this.rules = new SessionRules(sessions, http.publicUrl());
        this.handler = new DashboardHandler(http, sessions, rules, new DashboardState(history, feed, time), workers);
    }

    /** The paths the access check leaves to the dashboard, with {@code others}. */
    public static Set<String> pathsWith(Set<String> others) {
        Set<String> all = new HashSet<>(others);
        all.addAll(DashboardHandler.PATHS);
        return all;
    }

    public ChannelHandler handler() {
        return handler;
    }

    /** What a session cookie may do on the API, the feed and recordings. */
    public SessionAccess sessionAccess() {
        return rules;
    }
}
