package io.callcontrol.schedule;

import io.callcontrol.storage.Commits;
import io.callcontrol.storage.ScheduleStore;
import io.callcontrol.storage.StoreException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/** A schedule's changes as the scheduler writes them: each waited for, within {@link #STORE_TIMEOUT}. */
final class ScheduleWrites {

    /** How long a change waits for the store; past it nothing is written. */
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final ScheduleStore store;

    ScheduleWrites(ScheduleStore store) {
        this.store = store;
    }

    /** The schedule after {@code change}; a store that fails or does not answer in time is a StoreException. */
    ScheduleRecord change(long scheduleId, UnaryOperator<ScheduleRecord> change) {
        return written(store.update(scheduleId, change, STORE_TIMEOUT));
    }

    /** As {@link #change}, with the attempt's call linked to the schedule in the same transaction. */
    ScheduleRecord attach(long scheduleId, int attempt, long callId, UnaryOperator<ScheduleRecord> change) {
        return written(store.attach(scheduleId, attempt, callId, change, STORE_TIMEOUT));
    }

    private static ScheduleRecord written(CompletableFuture<ScheduleRecord> write) {
        try {
            return await(write);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreException("the store did not take the schedule's change: " + e.getMessage(), e);
        }
    }

    static <T> T await(CompletableFuture<T> write) throws ExecutionException, TimeoutException {
        try {
            // past the deadline the writer does not run it, and a wait that gave up withdraws it
            return Commits.await(write, STORE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a schedule", e);
        }
    }
}
