package io.callcontrol.storage;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a write submitted with a deadline (a call or a schedule the CRM waits for) so that what the caller
 * then says is true: a timeout means nothing was or will be written.
 */
public final class Commits {

    /** How long a write the writer has taken may still take to commit: one busy retry and a slow fsync. */
    static final Duration UNDERWAY = Duration.ofSeconds(10);

    private Commits() {
    }

    /**
     * The write's result once committed.
     *
     * @throws ExecutionException   the write failed (or passed its deadline in the queue): nothing was written
     * @throws TimeoutException     not taken by the writer within {@code timeout}, and now abandoned: nothing is written
     * @throws UnconfirmedException taken by the writer, but its commit not confirmed within {@link #UNDERWAY}
     *                              more: it may be written
     */
    public static <T> T await(CompletableFuture<T> write, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return write.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (write.cancel(false)) {
                throw e;
            }
        }
        // the writer took it in the last instant (or completed it meanwhile): its commit decides
        try {
            return write.get(UNDERWAY.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new UnconfirmedException("the store took the write but has not confirmed its commit in "
                    + (timeout.toSeconds() + UNDERWAY.toSeconds()) + " s");
        }
    }

    /** A write that may or may not have been committed: the caller must not say either. */
    public static final class UnconfirmedException extends StoreException {
        private static final long serialVersionUID = 1L;

        UnconfirmedException(String message) {
            super(message);
        }
    }
}
