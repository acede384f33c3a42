package io.callcontrol.recording;

import io.callcontrol.call.CallRecord;
import io.callcontrol.config.RecordingsConfig;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.storage.CallStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links a finished call's recording to its call and order, once MixMonitor has closed the file (a moment
 * after the hangup): it looks again with growing pauses, for up to a minute. What it waits for is also in the
 * store ({@link CallStore#expectRecording}) from the moment the call is connected, so a daemon that stops before
 * the file is closed looks again when it starts ({@link #resume()}); a file that never appears is reported once.
 */
public final class RecordingKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingKeeper.class);
    /** About a minute in all: MixMonitor closes the file a moment after the hangup. */
    private static final long[] PAUSES_MS = {200, 300, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000};

    private final RecordingsConfig config;
    private final CallStore store;
    private final Supplier<List<RecordingDue>> due;
    private final Metrics metrics;
    private final long[] pausesMs;
    /** Calls whose file is being looked for now: a resume does not start a second search for them. */
    private final Set<Long> searching = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "recordings");
        t.setDaemon(true);
        return t;
    });

    /** {@code due} reads the store's recordings of ended calls not linked yet; it runs JDBC, on this keeper's thread. */
    public RecordingKeeper(RecordingsConfig config, CallStore store, Supplier<List<RecordingDue>> due, Metrics metrics) {
        this(config, store, due, metrics, PAUSES_MS);
    }

    /** With other pauses between the looks, so that a test sees a search give up. */
    RecordingKeeper(RecordingsConfig config, CallStore store, Supplier<List<RecordingDue>> due, Metrics metrics,
            long[] pausesMs) {
        this.config = config;
        this.store = store;
        this.due = due;
        this.metrics = metrics;
        this.pausesMs = pausesMs.clone();
    }

    /**
     * The recording file of a call, relative to the recordings folder. Derived from what is stored (the UTC day
     * the call was made), so it is the same after a restart.
     */
    public String fileOf(CallRecord call) {
        return RecordingFile.name(call.createdAt().atZone(ZoneOffset.UTC).toLocalDate(), call.orderId(), call.callId(),
                config.format());
    }

    /** The call's parties are connected: MixMonitor writes its file from now on, and it is due until linked. */
    public void expect(CallRecord call) {
        store.expectRecording(call.callId(), fileOf(call)).whenComplete((added, error) -> {
            if (error != null) {
                log.error("call {}: cannot note its recording as due: {}", call.callId(), error.getMessage());
            }
        });
    }

    /** The call ended after its parties were connected: its recording should be there soon. */
    public void collect(CallRecord call) {
        search(new RecordingDue(call.callId(), call.orderId(), fileOf(call)));
    }

    /**
     * Looks again for every recording the store still has due for an ended call: at start, and after each AMI
     * login (the calls closed by reconciling meanwhile). Reads the store on this keeper's thread, not the caller's.
     */
    public void resume() {
        try {
            timer.execute(() -> {
                int started = 0;
                for (RecordingDue recording : due.get()) {
                    started += search(recording) ? 1 : 0;
                }
                if (started > 0) {
                    log.info("recordings: looking for {} recordings of calls that ended unlinked", started);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("recordings: closed, not resuming");
        }
    }

    /** Starts looking for the file unless a search for it runs already; true when it started one. */
    private boolean search(RecordingDue recording) {
        if (!searching.add(recording.callId())) {
            return false;
        }
        schedule(recording, 0, -1);
        return true;
    }

    private void schedule(RecordingDue recording, int attempt, long lastSize) {
        if (attempt == pausesMs.length) {
            giveUp(recording);
            return;
        }
        try {
            timer.schedule(() -> check(recording, attempt, lastSize), pausesMs[attempt], TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            searching.remove(recording.callId()); // closing: it stays due in the store for the next start
        }
    }

    /** Reported once: the store's due row goes with the report, so no later start looks for it again. */
    private void giveUp(RecordingDue recording) {
        searching.remove(recording.callId());
        store.recordingMissing(recording.callId()).whenComplete((wasDue, error) -> {
            if (error != null) {
                log.error("call {}: cannot note its recording as missing: {}", recording.callId(), error.getMessage());
            } else {
                metrics.recordingMissing();
                log.warn("call {}: recording {} did not appear (closed) within a minute of looking; not linked",
                        recording.callId(), recording.file());
            }
        });
    }

    private void check(RecordingDue recording, int attempt, long lastSize) {
        Path path = config.dir().resolve(recording.file());
        try {
            RecordingFile.Closed closed = RecordingFile.inspect(path, config.format());
            boolean settled = closed != null
                    && (RecordingFile.hasHeader(config.format()) || closed.sizeBytes() == lastSize);
            if (settled) {
                link(recording, closed);
                return;
            }
            schedule(recording, attempt + 1, closed == null ? lastSize : closed.sizeBytes());
        } catch (NoSuchFileException e) {
            schedule(recording, attempt + 1, lastSize);
        } catch (IOException e) {
            log.warn("call {}: cannot read recording {}: {}", recording.callId(), path, e.getMessage());
            schedule(recording, attempt + 1, lastSize);
        }
    }

    private void link(RecordingDue recording, RecordingFile.Closed closed) {
        store.addRecording(recording.callId(), recording.orderId(), recording.file(), closed.sizeBytes(),
                closed.durationMs()).whenComplete((linked, error) -> {
                    searching.remove(recording.callId());
                    if (error != null) {
                        log.error("call {}: cannot store its recording {}: {}", recording.callId(), recording.file(),
                                error.getMessage());
                    }
                });
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
