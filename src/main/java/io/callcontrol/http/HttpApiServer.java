package io.callcontrol.http;

import io.callcontrol.config.DashboardConfig;
import io.callcontrol.config.HttpConfig;
import io.callcontrol.config.RecordingsConfig;
import io.callcontrol.control.CallControl;
import io.callcontrol.dial.Dialer;
import io.callcontrol.http.guard.ConnectionRefusals;
import io.callcontrol.http.monitor.HealthCheck;
import io.callcontrol.http.monitor.HealthWatch;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.push.EventFeed;
import io.callcontrol.push.WebhookStatus;
import io.callcontrol.schedule.Schedules;
import io.callcontrol.stats.TallyStore;
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
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
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

    /**
     * Everything the server serves, all required: the API's stores and dialer, the scheduler, the call statistics' tallies, the health check,
     * the metrics (also timing the API methods), the event feed for {@code /api/events}, each webhook target's
     * state for webhookStatus, the zone times are rendered in, the clock rate-limit windows follow, and the faces:
     * by path, the handler each builds from the worker pool (it answers that path only, with its own credentials;
     * the allow-list, connection limits and rate limit apply as to the API), none when no face is configured; and
     * the supervisor dashboard's sessions; the control of calls in progress.
     */
    public record Parts(HttpConfig http, RecordingsConfig recordings, History history, Dialer dialer,
                        Schedules schedules, TallyStore stats, HealthCheck health, Metrics metrics, EventFeed feed,
                        Supplier<List<WebhookStatus>> webhooks, ZoneId zone, Clock clock,
                        Map<String, Function<Executor, ChannelHandler>> faces, DashboardConfig dashboard,
                        CallControl control) {
        public Parts {
            Objects.requireNonNull(http, "http");
            Objects.requireNonNull(recordings, "recordings");
            Objects.requireNonNull(history, "history");
            Objects.requireNonNull(dialer, "dialer");
            Objects.requireNonNull(schedules, "schedules");
            Objects.requireNonNull(stats, "stats");
            Objects.requireNonNull(health, "health");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(feed, "feed");
            Objects.requireNonNull(webhooks, "webhooks");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(clock, "clock");
            faces = Map.copyOf(Objects.requireNonNull(faces, "faces"));
            Objects.requireNonNull(dashboard, "dashboard");
            Objects.requireNonNull(control, "control");
        }
    }

    private final Parts parts;
    private final HttpConfig http;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private ThreadPoolExecutor workers;
    private Channel serverChannel;
    private HealthWatch healthWatch;

    /** Serves {@code parts} once {@link #start() started}. */
    public HttpApiServer(Parts parts) {
        this.parts = Objects.requireNonNull(parts, "parts");
        this.http = parts.http();
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
        healthWatch = new HealthWatch(parts.health(), parts.webhooks());
        healthWatch.start();
        HttpApiInitializer initializer = new HttpApiInitializer(parts, workers, healthWatch);
        watch(initializer);
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

    private void watch(HttpApiInitializer initializer) {
        Map<String, LongSupplier> refused = new LinkedHashMap<>();
        for (ConnectionRefusals.Reason reason : ConnectionRefusals.Reason.values()) {
            refused.put(reason.label(), () -> initializer.refusedConnections(reason));
        }
        parts.metrics().watchHttp(initializer::openConnections, refused, initializer::silentFeedsClosed);
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
        if (healthWatch != null) {
            healthWatch.close();
        }
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
