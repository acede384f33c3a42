package io.callcontrol.push;

import io.callcontrol.config.WebhookConfig;
import io.callcontrol.storage.EventLog;
import io.callcontrol.storage.StoreException;
import io.callcontrol.storage.WebhookCursors;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook targets of webhook.urls, each delivering on its own thread from its durable cursor (see
 * {@link WebhookTarget}). They share one JDK HTTP client. {@link #status()} is what the webhookStatus method shows;
 * {@link #pending()} and {@link #failures()} are the figures a monitor wants.
 */
public final class Webhooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final long OPEN_SECONDS = 30;
    private static final long STOP_MILLIS = 2_000;

    private final WebhookConfig config;
    private final EventLog events;
    private final WebhookCursors cursors;
    private final Changes changes;
    private final Clock clock;
    private final List<WebhookTarget> targets = new ArrayList<>();
    private ExecutorService httpThreads;
    private Function<List<LoggedEvent>, byte[]> body;
    private boolean paused;
    private boolean closed;

    public Webhooks(WebhookConfig config, EventLog events, WebhookCursors cursors, Changes changes, Clock clock) {
        this.config = config;
        this.events = events;
        this.cursors = cursors;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Starts delivering bodies in this package's wire format ({@link EventMessages}), times in the JVM's zone.
     *
     * @param recordingLinks where recording links point (http.public.url or the API's own address)
     */
    public void start(String recordingLinks) {
        start(bodies(recordingLinks));
    }

    /** Like {@link #start(String)}, but delivering only from {@link #resume()} on: on a daemon that may not lead. */
    public void startPaused(String recordingLinks) {
        startPaused(bodies(recordingLinks));
    }

    private static Function<List<LoggedEvent>, byte[]> bodies(String recordingLinks) {
        EventMessages messages = new EventMessages(ZoneId.systemDefault());
        return batch -> messages.webhookBody(batch, recordingLinks);
    }

    /**
     * Stores a cursor for each target (a new target starts at the newest event), then starts delivering.
     *
     * @param body turns a batch of events into the request body
     */
    public synchronized void start(Function<List<LoggedEvent>, byte[]> body) {
        this.body = body;
        if (closed || paused || !targets.isEmpty() || !config.enabled()) {
            return;
        }
        List<String> urls = config.urls().stream().map(URI::toString).toList();
        Map<String, Long> delivered = open(urls);
        AtomicInteger n = new AtomicInteger();
        httpThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpThreads)
                .build();
        for (URI url : config.urls()) {
            long from = delivered.get(url.toString());
            WebhookTarget target = new WebhookTarget(url, from, "webhook-" + (targets.size() + 1), config, client,
                    events, cursors, changes, body,
                    new Backoff(config.retryMin(), config.retryMax(), ThreadLocalRandom.current()), clock);
            targets.add(target);
            target.start();
            log.info("webhook {}: delivering the events after {}", WebhookConfig.shown(url), from);
        }
    }

    private Map<String, Long> open(List<String> urls) {
        try {
            return cursors.open(urls).get(OPEN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while storing the webhook cursors", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreException("webhook.urls: cannot store the webhook cursors: " + cause.getMessage(), cause);
        }
    }

    /** Like {@link #start}, but delivering only from {@link #resume()} on: on a daemon that may not lead. */
    public synchronized void startPaused(Function<List<LoggedEvent>, byte[]> body) {
        this.body = body;
        this.paused = true;
    }

    /**
     * Stops delivering (bounded), each target's cursor stored as far as it was acknowledged: this daemon no longer
     * leads, and another one carries on from the stored cursors. Until {@link #resume()}, {@link #start} only
     * remembers the body.
     */
    public synchronized void pause() {
        paused = true;
        stopTargets();
    }

    /** Delivers again from the stored cursors, after {@link #pause()}: this daemon leads. */
    public synchronized void resume() {
        paused = false;
        if (body != null) {
            start(body);
        }
    }

    /** Each target's state, in the order of webhook.urls; reads the store (pending counts). */
    public synchronized List<WebhookStatus> status() {
        return targets.stream().map(WebhookTarget::status).toList();
    }

    /** Events not yet acknowledged, summed over the targets; reads the store. */
    public synchronized long pending() {
        return targets.stream().mapToLong(WebhookTarget::pending).sum();
    }

    /** Failed attempts since start, summed over the targets. */
    public synchronized long failures() {
        return targets.stream().mapToLong(WebhookTarget::failures).sum();
    }

    /** Stops every target (bounded) and stores where each got to; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopTargets();
    }

    private void stopTargets() {
        targets.forEach(WebhookTarget::stop);
        try {
            for (WebhookTarget target : targets) {
                target.awaitStopped(STOP_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (httpThreads != null) {
            httpThreads.shutdownNow();
            httpThreads = null;
        }
        if (!targets.isEmpty()) {
            log.info("webhooks stopped");
        }
        targets.clear();
    }
}
