package io.callcontrol.metrics;

import io.callcontrol.call.CallStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The daemon's meters and the registry that renders them for Prometheus ({@code GET /metrics}). One per daemon,
 * handed to the parts that move a meter; a test makes its own. Every meter is created up front, so moving one on
 * a hot path is an increment, never a lookup. The meters that read a part's own state (queue depths, the AMI
 * link) are attached by whoever wires the parts, through the {@code watch} methods.
 */
public final class Metrics implements AutoCloseable {

    /** What {@link #scrape()} returns: the Prometheus text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Histogram buckets of the latency timers: from a fast query to the store's 10 s makeCall deadline. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    /** The name of the one server of the single-server {@code ami.*} keys (config's AmiServersConfig.DEFAULT). */
    private static final String DEFAULT_SERVER = "default";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private JvmGcMetrics gc;
    /** A function counter holds its source weakly: this keeps the counted suppliers alive. */
    private final List<LongSupplier> watched = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** By server name ({@code ami.servers}; {@code default} for the one server of the {@code ami.*} keys). */
    private final Map<String, AmiMeters> ami = new ConcurrentHashMap<>();

    private final Counter callsStarted;
    /** By {@link CallStatus#ordinal()}; null for the statuses that do not end a call. */
    private final Counter[] callsEnded = new Counter[CallStatus.values().length];
    private final Timer originateLatency;
    private final Counter originateNotSent;
    private final Counter originateRefused;
    private final Counter amiEventsRefused;
    private final Counter hooksAccepted;
    private final Map<String, Counter> hooksRefused = new ConcurrentHashMap<>();
    private final Counter recordingsMissing;

    /** The daemon's own meters; the JVM's come with {@link #bindJvm()}. */
    public Metrics() {
        callsStarted = Counter.builder("callcontrol.calls.started")
                .description("Calls makeCall recorded (each has a call_id) and asked Asterisk to place")
                .register(registry);
        for (CallStatus status : CallStatus.values()) {
            if (status.isTerminal()) {
                callsEnded[status.ordinal()] = Counter.builder("callcontrol.calls.ended")
                        .description("Calls that reached a terminal status, by that status")
                        .tag("status", status.name())
                        .register(registry);
            }
        }
        originateLatency = Timer.builder("callcontrol.originate.latency")
                .description("From makeCall reaching the dialer to its Originate action written to the AMI socket")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        originateNotSent = originateFailures("not_sent");
        originateRefused = originateFailures("refused");
        amiEventsRefused = Counter.builder("callcontrol.ami.events.refused")
                .description("AMI events naming a call followed here with another channel id token: ignored")
                .register(registry);
        hooksAccepted = Counter.builder("callcontrol.hooks.accepted")
                .description("Dialplan hooks (FastAGI) whose channel id is their call's own")
                .register(registry);
        recordingsMissing = Counter.builder("callcontrol.recordings.missing")
                .description("Connected calls whose recording file never appeared closed, so none was linked")
                .register(registry);
    }

    private Counter originateFailures(String reason) {
        return Counter.builder("callcontrol.originate.failures")
                .description("Originate actions not sent (no AMI link) or refused by Asterisk")
                .tag("reason", reason)
                .register(registry);
    }

    /**
     * Adds the cheap JVM and process meters: memory, GC, threads, uptime, CPU, open files.
     *
     * @return this
     */
    public synchronized Metrics bindJvm() {
        if (gc != null) {
            return this;
        }
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return this;
    }

    /** makeCall recorded a call. */
    public void callStarted() {
        callsStarted.increment();
    }

    /** A call reached {@code status}, which must be terminal. */
    public void callEnded(CallStatus status) {
        Counter counter = callsEnded[status.ordinal()];
        if (counter == null) {
            throw new IllegalArgumentException(status + " does not end a call");
        }
        counter.increment();
    }

    /** An Originate was written to the AMI socket {@code nanos} after makeCall reached the dialer. */
    public void originateSent(long nanos) {
        originateLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An Originate could not be written: the AMI link was down. */
    public void originateNotSent() {
        originateNotSent.increment();
    }

    /** Asterisk answered an Originate with an error. */
    public void originateRefused() {
        originateRefused.increment();
    }

    /** The AMI meters of one Asterisk server, made at the first ask. */
    public AmiMeters ami(String server) {
        return ami.computeIfAbsent(server, name -> new AmiMeters(registry, name));
    }

    /** One AMI event arrived from the one server of the {@code ami.*} keys. */
    public void amiEvent() {
        ami(DEFAULT_SERVER).event();
    }

    /** The AMI link of the one server of the {@code ami.*} keys logged in. */
    public void amiLoggedIn() {
        ami(DEFAULT_SERVER).loggedIn();
    }

    /** An AMI event named a call followed here, with another channel id token than the call's: it was ignored. */
    public void amiEventRefused() {
        amiEventsRefused.increment();
    }

    /** A dialplan hook carried its call's own channel id. */
    public void hookAccepted() {
        hooksAccepted.increment();
    }

    /** Makes the refused-hooks series of each reason now, so that each is there from the start at 0. */
    public void hookRefusalReasons(Collection<String> reasons) {
        reasons.forEach(this::hookRefusals);
    }

    /** A dialplan hook was refused for {@code reason}: it changed nothing. */
    public void hookRefused(String reason) {
        hookRefusals(reason).increment();
    }

    private Counter hookRefusals(String reason) {
        return hooksRefused.computeIfAbsent(reason, r -> Counter.builder("callcontrol.hooks.refused")
                .description("Dialplan hooks (FastAGI) refused, by reason; a refused hook changes nothing")
                .tag("reason", r)
                .register(registry));
    }

    /** A connected call's recording was looked for in vain; counted once per call, across restarts. */
    public void recordingMissing() {
        recordingsMissing.increment();
    }

    /** The timers of one API method, by HTTP status class; made once per method, when the server starts. */
    public RequestTimer apiRequests(String method) {
        return new RequestTimer(registry, method);
    }

    /** The AMI link's state of the one server of the {@code ami.*} keys, read at each scrape. */
    public void watchAmi(BooleanSupplier connected, BooleanSupplier ready) {
        watchAmi(DEFAULT_SERVER, connected, ready);
    }

    /** One server's AMI link state, read at each scrape. */
    public void watchAmi(String server, BooleanSupplier connected, BooleanSupplier ready) {
        ami(server).watch(connected, ready);
    }

    /** This daemon's role among the daemons on its store, and since when (epoch seconds), read at each scrape. */
    public void watchRole(BooleanSupplier leading, LongSupplier sinceEpochSeconds) {
        gauge("callcontrol.leader", "1 while this daemon is the leader (scheduled calls, webhooks, calls of stopped"
                + " daemons), 0 while it follows", () -> leading.getAsBoolean() ? 1 : 0);
        Gauge.builder("callcontrol.role.since.seconds", () -> (double) sinceEpochSeconds.getAsLong())
                .description("When this daemon took its present role (leader or follower), in seconds since the epoch")
                .register(registry);
    }

    /** The call tracker's queue, the calls it follows and the facts it dropped, read at each scrape. */
    public void watchTracker(IntSupplier queueDepth, IntSupplier callsInProgress, LongSupplier droppedFacts) {
        gauge("callcontrol.tracker.queue.depth", "Facts waiting for the call tracker (ami.event.queue is its capacity)",
                queueDepth);
        gauge("callcontrol.calls.in.progress", "Calls the tracker follows that have not ended", callsInProgress);
        counter("callcontrol.tracker.dropped.facts", "AMI facts dropped because the tracker's queue was full",
                droppedFacts);
    }

    /** The calls stored whose Originate waits its turn (dial.max.rate) or for Asterisk, read at each scrape. */
    public void watchOriginates(IntSupplier queueDepth) {
        gauge("callcontrol.originate.queue.depth",
                "Calls stored whose Originate has not been sent yet: waiting for their turn (dial.max.rate) or for"
                + " Asterisk", queueDepth);
    }

    /** The store writer's queue and failed transactions, read at each scrape. */
    public void watchStore(IntSupplier queueDepth, LongSupplier failures) {
        gauge("callcontrol.store.queue.depth", "Writes waiting for the store's writer thread", queueDepth);
        counter("callcontrol.store.failures", "Store transactions that failed (their writes were not stored)",
                failures);
    }

    /**
     * The HTTP server's connections, read at each scrape: those open now, those closed as they opened by reason
     * ({@code not_allowed}, {@code per_peer_limit}, {@code total_limit}), and the feed connections closed because
     * their client answered no ping.
     */
    public void watchHttp(IntSupplier open, Map<String, LongSupplier> refusedByReason, LongSupplier silentFeeds) {
        gauge("callcontrol.http.connections.open", "Open HTTP connections (http.max.connections is the most)", open);
        refusedByReason.forEach((reason, count) -> counter("callcontrol.http.connections.refused",
                "HTTP connections closed as they opened: peer outside http.allow, or a connection cap reached",
                Tags.of("reason", reason), count));
        counter("callcontrol.http.feed.unanswered.closes",
                "WebSocket feed connections closed because the client sent nothing, not even a pong, for"
                        + " http.idle.timeout", Tags.empty(), silentFeeds);
    }

    private void gauge(String name, String description, IntSupplier value) {
        Gauge.builder(name, value::getAsInt).description(description).register(registry);
    }

    private void counter(String name, String description, LongSupplier count) {
        counter(name, description, Tags.empty(), count);
    }

    private synchronized void counter(String name, String description, Tags tags, LongSupplier count) {
        watched.add(count);
        FunctionCounter.builder(name, count, LongSupplier::getAsLong).description(description).tags(tags)
                .register(registry);
    }

    /** Every meter now, in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Detaches the JVM listeners; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (gc != null) {
                gc.close();
            }
        }
        registry.close();
    }
}
