package io.callcontrol.http;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.push.EventFeed;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
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
    /** By path: each answers its path only, with its own credentials, after the rate limit. */
    private final Map<String, ChannelHandler> faces;

    HttpApiInitializer(HttpConfig http, ApiRoutes routes, RecordingFiles files, Executor workers, Clock clock) {
        this(http, routes, files, workers, clock, null);
    }

    HttpApiInitializer(HttpConfig http, ApiRoutes routes, RecordingFiles files, Executor workers, Clock clock,
            HealthCheck health) {
        this(http, routes, files, workers, clock, health, null, null, null);
    }

    /**
     * @param health  answers {@code /health} when given; without it the path is unknown
     * @param metrics answers {@code /metrics} and times the API methods when given; without it the path is unknown
     * @param feed    streams events at {@code /api/events} when given, as {@code messages} renders them
     */
    HttpApiInitializer(HttpConfig http, ApiRoutes routes, RecordingFiles files, Executor workers, Clock clock,
            HealthCheck health, Metrics metrics, EventFeed feed, EventMessages messages) {
        this(http, routes, files, workers, clock, health, metrics, feed, messages, Map.of());
    }

    /** @param faces the faces' handlers (sharable) by the one path each answers */
    HttpApiInitializer(HttpConfig http, ApiRoutes routes, RecordingFiles files, Executor workers, Clock clock,
            HealthCheck health, Metrics metrics, EventFeed feed, EventMessages messages,
            Map<String, ChannelHandler> faces) {
        this.faces = Map.copyOf(faces);
        this.events = feed == null ? null : new EventsHandler(feed, messages, http);
        this.health = health == null ? null : new HealthHandler(health);
        this.metrics = metrics == null ? null : new MetricsHandler(metrics, workers);
        this.http = http;
        this.peers = new PeerFilter(http.allow(), refusals);
        this.connections = new ConnectionLimiter(http.maxConnections(), http.maxConnectionsPerPeer(), refusals);
        this.access = new AccessHandler(http, faces.keySet());
        this.rates = new RateLimiter(http.ratePerMinute(), http.ratePerDay(), clock);
        this.recordings = new RecordingHandler(files, workers);
        this.api = new ApiHandler(routes, workers, http, metrics);
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
        if (health != null) {
            pipeline.addLast("health", health);
        }
        pipeline.addLast("openApi", openApi);
        if (metrics != null) {
            pipeline.addLast("metrics", metrics);
        }
        pipeline.addLast("rateLimit", new RateLimitHandler(rates));
        if (events != null) {
            pipeline.addLast("events", events);
        }
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
        return events == null ? 0 : events.silentClosed();
    }
}
