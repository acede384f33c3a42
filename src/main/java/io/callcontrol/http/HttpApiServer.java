package io.callcontrol.http;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.config.RecordingsConfig;
import io.callcontrol.dial.Dialer;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.push.EventFeed;
import io.callcontrol.push.Webhooks;
import io.callcontrol.schedule.Schedules;
import io.callcontrol.storage.History;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API server: Netty event loops that only decode and encode, and a bounded pool of worker threads for
 * the JDBC and AMI work behind each method. {@link #close()} stops it all within a few seconds.
 */
public final class HttpApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpApiServer.class);
    /** Requests waiting per worker thread before the API answers 503 overloaded instead of queueing more. */
    private static final int QUEUE_PER_WORKER = 16;
    private static final long STOP_SECONDS = 2;

    private final HttpConfig http;
    private final RecordingsConfig recordings;
    private final History history;
    private final Dialer dialer;
    private final ZoneId zone;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private HealthCheck health;
    private EventFeed events;
    private Webhooks webhooks;
    private Metrics metrics;
    private Schedules schedules;
    private final Map<String, Function<Executor, ChannelHandler>> faces = new LinkedHashMap<>();

    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private ThreadPoolExecutor workers;
    private Channel serverChannel;

    /** Times are rendered in the JVM's default zone. */
    public HttpApiServer(HttpConfig http, RecordingsConfig recordings, History history, Dialer dialer) {
        this(http, recordings, history, dialer, ZoneId.systemDefault());
    }

    /** Times are rendered in {@code zone} (tests fix it). */
    public HttpApiServer(HttpConfig http, RecordingsConfig recordings, History history, Dialer dialer, ZoneId zone) {
        this(http, recordings, history, dialer, zone, Clock.systemUTC());
    }

    /** Rate-limit windows follow {@code clock} (tests move it). */
    public HttpApiServer(HttpConfig http, RecordingsConfig recordings, History history, Dialer dialer, ZoneId zone,
                         Clock clock) {
        this.http = http;
        this.recordings = recordings;
        this.history = history;
        this.dialer = dialer;
        this.zone = zone;
        this.clock = clock;
    }

    /** Serves scheduled calls (makeCall's scheduling, scheduledCalls, cancelCall); call before {@link #start()}. */
    public synchronized HttpApiServer schedules(Schedules schedules) {
        this.schedules = schedules;
        return this;
    }

    /**
     * Serves a face at {@code path}: the handler {@code face} builds from the worker pool answers that path only,
     * with its own credentials; the allow-list, connection limits and rate limit apply as to the API. Call before
     * {@link #start()}.
     */
    public synchronized HttpApiServer face(String path, Function<Executor, ChannelHandler> face) {
        faces.put(path, face);
        return this;
    }

    /** Answers {@code GET /health} with this check's report; call before {@link #start()}. */
    public synchronized HttpApiServer healthCheck(HealthCheck check) {
        this.health = check;
        return this;
    }

    /** Answers {@code GET /metrics} from these metrics and times the API methods; call before {@link #start()}. */
    public synchronized HttpApiServer metrics(Metrics metrics) {
        this.metrics = metrics;
        return this;
    }

    /**
     * Streams {@code events} at {@code /api/events} and shows {@code webhooks} in webhookStatus (either may be null);
     * call before {@link #start()}.
     */
    public synchronized HttpApiServer push(EventFeed events, Webhooks webhooks) {
        this.events = events;
        this.webhooks = webhooks;
        return this;
    }

    /**
     * Binds http.bind:http.port and starts answering.
     *
     * @return the bound port (the one chosen by the system when http.port is 0)
     * @throws IOException when the address cannot be bound; the server is then closed
     */
    public synchronized int start() throws IOException {
        if (serverChannel != null || closed.get()) {
            throw new IllegalStateException("HTTP API server already started or closed");
        }
        workers = new ThreadPoolExecutor(http.workerThreads(), http.workerThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(http.workerThreads() * QUEUE_PER_WORKER),
                new DefaultThreadFactory("http-worker"), new ThreadPoolExecutor.AbortPolicy());
        acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("http-accept"),
                NioIoHandler.newFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(http.ioThreads(), new DefaultThreadFactory("http-io"),
                NioIoHandler.newFactory());
        TimeFormat time = new TimeFormat(zone);
        HttpApiInitializer initializer = new HttpApiInitializer(http,
                new ApiRoutes(history, dialer, schedules, time, webhooks == null ? List::of : webhooks::status),
                new RecordingFiles(recordings, history), workers, clock, health, metrics, events,
                new EventMessages(time), faceHandlers());
        if (metrics != null) {
            watch(initializer);
        }
        try {
            serverChannel = new ServerBootstrap()
                    .group(acceptGroup, ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer)
                    .bind(http.bind(), http.port())
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while binding the HTTP API");
        } catch (Exception e) {
            // bind() rethrows the socket's checked exceptions unchecked; name the keys that chose the address.
            close();
            throw new IOException("http.bind/http.port: cannot listen on " + http.bind() + ":" + http.port() + ": "
                    + e.getMessage(), e);
        }
        int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        log.info("HTTP API listening on {}:{} ({} network and {} worker threads; allowed: {}; connections: {}, {} per"
                + " address; API keys: {}; rate limit: {})", http.bind(), port, http.ioThreads(), http.workerThreads(),
                http.allowText(), http.maxConnections(), http.maxConnectionsPerPeer(),
                http.keysRequired() ? http.apiKeys() : "none required", rateText());
        warnAboutExposure();
        return port;
    }

    private Map<String, ChannelHandler> faceHandlers() {
        Map<String, ChannelHandler> handlers = new LinkedHashMap<>();
        faces.forEach((path, face) -> handlers.put(path, face.apply(workers)));
        return handlers;
    }

    private void watch(HttpApiInitializer initializer) {
        Map<String, LongSupplier> refused = new LinkedHashMap<>();
        for (ConnectionRefusals.Reason reason : ConnectionRefusals.Reason.values()) {
            refused.put(reason.label(), () -> initializer.refusedConnections(reason));
        }
        metrics.watchHttp(initializer::openConnections, refused, initializer::silentFeedsClosed);
    }

    private String rateText() {
        return (http.ratePerMinute() == 0 ? "unlimited" : http.ratePerMinute()) + "/minute, "
                + (http.ratePerDay() == 0 ? "unlimited" : http.ratePerDay()) + "/day";
    }

    /** The two easy mistakes: an open API without keys, and a public bind nobody may use. */
    private void warnAboutExposure() {
        boolean onlyLoopback = http.allow().stream()
                .allMatch(range -> range.prefixLength() > 0 && range.network().isLoopbackAddress());
        if (!onlyLoopback && !http.keysRequired()) {
            log.warn("http.allow admits addresses beyond loopback and http.api.keys is empty: anyone in {} can "
                    + "place calls; set http.api.keys", http.allowText());
        }
        if (onlyLoopback && !isLoopbackBind()) {
            log.warn("http.bind is {} but http.allow admits only loopback addresses: remote clients are refused",
                    http.bind());
        }
    }

    private boolean isLoopbackBind() {
        return serverChannel.localAddress() instanceof InetSocketAddress address
                && address.getAddress().isLoopbackAddress();
    }

    /**
     * Stops accepting, lets running requests finish (bounded), then stops the event loops. Idempotent; returns
     * within a few seconds.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(STOP_SECONDS, TimeUnit.SECONDS);
        }
        // Workers before event loops: a finishing request still needs its channel's loop to write the answer.
        if (workers != null) {
            workers.shutdown();
            awaitWorkers();
        }
        shutdown(ioGroup);
        shutdown(acceptGroup);
        log.info("HTTP API stopped");
    }

    private void awaitWorkers() {
        try {
            if (!workers.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                log.warn("HTTP workers still busy after {} s; interrupting them", STOP_SECONDS);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void shutdown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(0, STOP_SECONDS, TimeUnit.SECONDS)
                    .awaitUninterruptibly(STOP_SECONDS + 1, TimeUnit.SECONDS);
        }
    }
}
