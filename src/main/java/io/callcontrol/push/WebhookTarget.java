package io.callcontrol.push;

import io.callcontrol.config.WebhookConfig;
import io.callcontrol.storage.EventLog;
import io.callcontrol.storage.WebhookCursors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook receiver, on its own thread: reads the events after its cursor from the event log, a batch at a
 * time, POSTs them until the receiver answers 2xx, then moves the cursor past them. The cursor is stored through the
 * store's writer without waiting for it; after a crash the receiver gets again what came after the stored cursor
 * (at least once, never lost). Waits for the store's next commit when it has sent everything.
 */
final class WebhookTarget {

    private static final Logger log = LoggerFactory.getLogger(WebhookTarget.class);
    /** How long an idle target sleeps without a commit before it looks again anyway. */
    private static final long IDLE_MILLIS = 10_000;
    private static final long SAVE_WAIT_MILLIS = 5_000;

    /** Why an attempt failed; {@code refused}: the receiver answered with a status that says it will not take it. */
    private record Failure(String reason, boolean refused, Duration retryAfter) {
    }

    private final URI url;
    private final String shown;
    private final WebhookConfig config;
    private final HttpClient client;
    private final EventLog events;
    private final WebhookCursors cursors;
    private final Changes changes;
    private final Function<List<LoggedEvent>, byte[]> body;
    private final WebhookSignature signature;
    private final Backoff backoff;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean stopping;

    /** The last event id the receiver acknowledged (or the kinds filter skipped). */
    private volatile long delivered;
    /** The cursor as stored. */
    private volatile long saved;
    private volatile CompletableFuture<?> saving = CompletableFuture.completedFuture(null);
    private volatile int attempts;
    private volatile boolean refused;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant lastDeliveredAt;
    private final AtomicLong failures = new AtomicLong();

    WebhookTarget(URI url, long delivered, String threadName, WebhookConfig config, HttpClient client,
            EventLog events, WebhookCursors cursors, Changes changes, Function<List<LoggedEvent>, byte[]> body,
            Backoff backoff, Clock clock) {
        this.url = url;
        this.shown = WebhookConfig.shown(url);
        this.delivered = delivered;
        this.saved = delivered;
        this.config = config;
        this.client = client;
        this.events = events;
        this.cursors = cursors;
        this.changes = changes;
        this.body = body;
        this.signature = new WebhookSignature(config.secret());
        this.backoff = backoff;
        this.clock = clock;
        this.thread = new Thread(this::run, threadName);
    }

    void start() {
        thread.start();
    }

    WebhookStatus status() {
        int failed = attempts;
        String state = failed == 0 ? "ok" : refused ? "failing" : "retrying";
        long at = delivered;
        return new WebhookStatus(shown, at, events.countAfter(at), failed, state, lastError, lastErrorAt,
                lastDeliveredAt, failures.get());
    }

    long pending() {
        return events.countAfter(delivered);
    }

    long failures() {
        return failures.get();
    }

    /** Asks the thread to stop: it leaves a wait, a pause or a request at once. */
    void stop() {
        stopping = true;
        thread.interrupt();
    }

    /** Waits (bounded) for the thread, then stores the cursor where it got to. */
    void awaitStopped(long millis) throws InterruptedException {
        thread.join(millis);
        if (thread.isAlive()) {
            log.warn("webhook {}: still busy after {} ms; its cursor stays at {}", shown, millis, saved);
            return;
        }
        settleCursor();
        awaitSaving();
    }

    private void run() {
        while (!stopping) {
            long seen = changes.version();
            List<LoggedEvent> batch;
            try {
                batch = events.after(delivered, config.batch());
            } catch (RuntimeException e) {
                if (!stopping) {
                    // the store's own trouble: /health shows it; these events are not lost, only late
                    log.warn("webhook {}: cannot read the events after {}: {}", shown, delivered, e.getMessage());
                    pause(backoff.after(1));
                }
                continue;
            }
            if (batch.isEmpty()) {
                settleCursor();
                awaitCommit(seen);
                continue;
            }
            List<LoggedEvent> wanted = batch.stream().filter(e -> EventKind.of(e).in(config.kinds())).toList();
            if (!wanted.isEmpty() && !deliver(wanted)) {
                return;
            }
            delivered = batch.get(batch.size() - 1).id();
            saveCursor();
        }
    }

    /** Sends one batch until it is acknowledged; false when stopped first. */
    private boolean deliver(List<LoggedEvent> batch) {
        byte[] payload = body.apply(batch);
        for (int attempt = 1; !stopping; attempt++) {
            Failure failure = post(payload);
            if (failure == null) {
                acknowledged(batch, attempt);
                return true;
            }
            Duration pause = failure.retryAfter() == null ? backoff.after(attempt) : honoured(failure.retryAfter());
            note(failure, attempt);
            if (attempt == 1 || attempt % 10 == 0) {
                log.warn("webhook {}: events {}..{} not delivered: {}{} (attempt {}); trying again in {} ms", shown,
                        batch.get(0).id(), batch.get(batch.size() - 1).id(), failure.reason(),
                        failure.refused() ? ", the receiver refuses them" : "", attempt, pause.toMillis());
            }
            if (!pause(pause)) {
                return false;
            }
        }
        return false;
    }

    /** One attempt; null when the receiver answered 2xx. */
    private Failure post(byte[] payload) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.timeout())
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("User-Agent", "callcontrol")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature.sign(timestamp, payload))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            if (code >= 200 && code < 300) {
                return null;
            }
            boolean passing = code >= 500 || code == 408 || code == 429;
            return new Failure("HTTP " + code, !passing, retryAfter(response));
        } catch (HttpTimeoutException e) {
            return new Failure("no answer within " + config.timeout().toMillis() + " ms (webhook.timeout)", false,
                    null);
        } catch (IOException e) {
            return new Failure(e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage(), false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure("stopped", false, null);
        }
    }

    private void acknowledged(List<LoggedEvent> batch, int attempt) {
        if (attempt > 1) {
            log.info("webhook {}: events {}..{} delivered after {} attempts", shown, batch.get(0).id(),
                    batch.get(batch.size() - 1).id(), attempt);
        }
        attempts = 0;
        refused = false;
        lastDeliveredAt = clock.instant();
    }

    private void note(Failure failure, int attempt) {
        attempts = attempt;
        refused = failure.refused();
        lastError = failure.reason();
        lastErrorAt = clock.instant();
        failures.incrementAndGet();
    }

    /** Stores the cursor unless a store of it is still on its way (the next call stores the newer one). */
    private void saveCursor() {
        long id = delivered;
        if (id <= saved || !saving.isDone()) {
            return;
        }
        saving = cursors.advance(url.toString(), id).whenComplete((moved, error) -> {
            if (error == null) {
                saved = Math.max(saved, id);
            } else {
                log.warn("webhook {}: cannot store its cursor {}: {}", shown, id, error.getMessage());
            }
        });
    }

    /** Lets the store on its way finish, then stores the newest cursor. */
    private void settleCursor() {
        awaitSaving();
        saveCursor();
    }

    private void awaitSaving() {
        try {
            saving.get(SAVE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // logged where it failed; the cursor is stored again next time
        }
    }

    private void awaitCommit(long seen) {
        try {
            changes.await(seen, IDLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** False when stopped during the pause. */
    private boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(value -> value.matches("[0-9]{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)))
                .orElse(null);
    }

    /**
     * A receiver's Retry-After, kept within webhook.retry.min and webhook.retry.max: a {@code Retry-After: 0}
     * (or 1 s from a receiver that is down for good) must not make delivery spin.
     */
    private Duration honoured(Duration retryAfter) {
        if (retryAfter.compareTo(config.retryMin()) < 0) {
            return config.retryMin();
        }
        return retryAfter.compareTo(config.retryMax()) > 0 ? config.retryMax() : retryAfter;
    }
}
