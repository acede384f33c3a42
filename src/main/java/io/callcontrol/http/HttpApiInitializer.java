package io.callcontrol.http;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.http.access.AccessHandler;
import io.callcontrol.http.api.ApiHandler;
import io.callcontrol.http.api.ApiRoutes;
import io.callcontrol.http.dashboard.Dashboard;
import io.callcontrol.http.feed.EventsHandler;
import io.callcontrol.http.guard.BodyLimitAggregator;
import io.callcontrol.http.guard.ConnectionLimiter;
import io.callcontrol.http.guard.ConnectionRefusals;
import io.callcontrol.http.guard.IdleConnectionCloser;
import io.callcontrol.http.guard.MalformedRequestHandler;
import io.callcontrol.http.guard.PeerFilter;
import io.callcontrol.http.guard.RateLimitHandler;
import io.callcontrol.http.guard.RateLimiter;
import io.callcontrol.http.guard.RequestDeadline;
import io.callcontrol.http.monitor.HealthHandler;
import io.callcontrol.http.monitor.HealthWatch;
import io.callcontrol.http.monitor.MetricsHandler;
import io.callcontrol.http.monitor.OpenApiHandler;
import io.callcontrol.http.recordings.RecordingFiles;
import io.callcontrol.http.recordings.RecordingHandler;
import io.callcontrol.http.render.TimeFormat;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Builds one connection's pipeline; the handlers do the work. */
public final class HttpApiInitializer extends ChannelInitializer<Channel> {

    /** The longest request line (method, path and query) read; longer ones get 414. */
    static final int MAX_REQUEST_LINE = 8192;
    /** The most header bytes read; more get 431. */
    static final int MAX_HEADER_BYTES = 8192;

    private final HttpConfig http;
    private final ConnectionRefusals refusals = new ConnectionRefusals();
    private final PeerFilter peers;
    private final ConnectionLimiter connections;
    private final IdleConnectionCloser idleCloser = new IdleConnectionCloser();
    private final RequestDeadline.Arrived arrived = new RequestDeadline.Arrived();
    private final MalformedRequestHandler malformed = new MalformedRequestHandler(MAX_REQUEST_LINE, MAX_HEADER_BYTES);
    private final AccessHandler access;
    private final HealthHandler health;
    private final OpenApiHandler openApi = new OpenApiHandler();
    private final MetricsHandler metrics;
    private final RateLimiter rates;
    private final RecordingHandler recordings;
    private final EventsHandler events;
    private final ApiHandler api;
    private final NotFoundHandler notFound = new NotFoundHandler();
    private final ChannelHandler dashboard;
    /** By path: each answers its path only, with its own credentials, after the rate limit. */
    private final Map<String, ChannelHandler> faces;

    /**
     * The pipeline serving {@code parts}; the API, metrics and recordings run their blocking work on {@code workers};
     * the event feed's subscribers that ask for it follow the daemon's state through {@code health}.
     */
    public HttpApiInitializer(HttpApiServer.Parts parts, Executor workers, HealthWatch health) {
        HttpConfig http = parts.http();
        TimeFormat time = new TimeFormat(parts.zone());
        this.http = http;
        this.peers = new PeerFilter(http.allow(), refusals);
        this.connections = new ConnectionLimiter(http.maxConnections(), http.maxConnectionsPerPeer(), refusals);
        Dashboard dashboard = new Dashboard(http, parts.dashboard(), parts.history(), parts.feed(), time,
                parts.clock(), workers);
        this.dashboard = dashboard.handler();
        this.access = new AccessHandler(http, Dashboard.pathsWith(parts.faces().keySet()), dashboard.sessionAccess());
        Map<String, ChannelHandler> built = new LinkedHashMap<>();
        parts.faces().forEach((path, face) -> built.put(path, face.apply(workers)));
        this.faces = Map.copyOf(built);
        this.health = new HealthHandler(parts.health());
        this.metrics = new MetricsHandler(parts.metrics(), workers);
        this.rates = new RateLimiter(http.ratePerMinute(), http.ratePerDay(), parts.clock());
        this.events = new EventsHandler(parts.feed(), time, http, health);
        this.recordings = new RecordingHandler(new RecordingFiles(parts.recordings(), parts.history()), workers);
        this.api = new ApiHandler(new ApiRoutes(parts.history(), parts.dialer(), parts.schedules(), time,
                parts.webhooks(), parts.stats(), parts.control()), workers, http, parts.metrics());
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        // Who may connect, then how many: a refused peer is never counted, so it cannot crowd out an allowed one.
        pipeline.addLast("peers", peers);
        pipeline.addLast("connections", connections);
        // observeOutput: a long recording download is activity, not idleness.
        pipeline.addLast("idle", new IdleStateHandler(true, 0, 0, http.idleTimeout().toMillis(),
                TimeUnit.MILLISECONDS));
        pipeline.addLast("idleCloser", idleCloser);
        pipeline.addLast("deadline", new RequestDeadline(http.idleTimeout()));
        pipeline.addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setMaxHeaderSize(MAX_HEADER_BYTES)));
        pipeline.addLast("keepAlive", new HttpServerKeepAliveHandler());
        pipeline.addLast("aggregator", new BodyLimitAggregator(http.maxRequestBytes()));
        pipeline.addLast("arrived", arrived);
        pipeline.addLast("sequencer", new RequestSequencer());
        pipeline.addLast("malformed", malformed);
        pipeline.addLast("access", access);
        pipeline.addLast("health", health);
        pipeline.addLast("openApi", openApi);
        pipeline.addLast("metrics", metrics);
        pipeline.addLast("rateLimit", new RateLimitHandler(rates));
        pipeline.addLast("dashboard", dashboard);
        pipeline.addLast("events", events);
        faces.forEach((path, face) -> pipeline.addLast("face " + path, face));
        pipeline.addLast("recordings", recordings);
        pipeline.addLast("api", api);
        pipeline.addLast("notFound", notFound);
    }

    /** Open connections now. */
    int openConnections() {
        return connections.open();
    }

    /** Connections refused as they opened, for {@code reason}, since the server started. */
    long refusedConnections(ConnectionRefusals.Reason reason) {
        return refusals.count(reason);
    }

    /** Feed connections closed for answering nothing within http.idle.timeout, since the server started. */
    long silentFeedsClosed() {
        return events.silentClosed();
    }
}
