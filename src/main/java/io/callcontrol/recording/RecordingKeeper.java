package io.callcontrol.recording;

import io.callcontrol.config.RecordingsConfig;
import io.callcontrol.storage.CallRecord;
import io.callcontrol.storage.CallStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links a finished call's recording to its call and order, once MixMonitor has closed the file (a moment
 * after the hangup): it looks again with growing pauses, for up to a minute.
 */
public final class RecordingKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingKeeper.class);
    private static final long[] PAUSES_MS = {200, 300, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000};

    private final RecordingsConfig config;
    private final CallStore store;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "recordings");
        t.setDaemon(true);
        return t;
    });

    public RecordingKeeper(RecordingsConfig config, CallStore store) {
        this.config = config;
        this.store = store;
    }

    /**
     * The recording file of a call, relative to the recordings folder. Derived from what is stored (the UTC day
     * the call was made), so it is the same after a restart.
     */
    public String fileOf(CallRecord call) {
        return RecordingFile.name(call.createdAt().atZone(ZoneOffset.UTC).toLocalDate(), call.orderId(), call.callId(),
                config.format());
    }

    /** The call ended after its client answered: its recording should be there soon. */
    public void collect(CallRecord call) {
        schedule(call.callId(), call.orderId(), fileOf(call), 0, -1);
    }

    private void schedule(long callId, String orderId, String file, int attempt, long lastSize) {
        if (attempt == PAUSES_MS.length) {
            log.warn("call {}: recording {} was not closed within a minute; not linked", callId, file);
            return;
        }
        timer.schedule(() -> check(callId, orderId, file, attempt, lastSize), PAUSES_MS[attempt], TimeUnit.MILLISECONDS);
    }

    private void check(long callId, String orderId, String file, int attempt, long lastSize) {
        Path path = config.dir().resolve(file);
        try {
            RecordingFile.Closed closed = RecordingFile.inspect(path, config.format());
            boolean settled = closed != null && (config.format().equals("wav") || closed.sizeBytes() == lastSize);
            if (settled) {
                store.addRecording(callId, orderId, file, closed.sizeBytes(), closed.durationMs())
                        .whenComplete((recording, error) -> {
                            if (error != null) {
                                log.error("call {}: cannot store its recording {}: {}", callId, file, error.getMessage());
                            }
                        });
                return;
            }
            schedule(callId, orderId, file, attempt + 1, closed == null ? lastSize : closed.sizeBytes());
        } catch (NoSuchFileException e) {
            schedule(callId, orderId, file, attempt + 1, lastSize);
        } catch (IOException e) {
            log.warn("call {}: cannot read recording {}: {}", callId, path, e.getMessage());
            schedule(callId, orderId, file, attempt + 1, lastSize);
        }
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
