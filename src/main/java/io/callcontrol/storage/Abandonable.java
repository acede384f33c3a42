package io.callcontrol.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The future of work with a deadline. It is waiting until the writer takes it or it is given up, either by its
 * caller's {@link #cancel} or by the writer at its deadline; the first of them wins, so a caller whose cancel
 * succeeded knows that nothing is or will be written.
 */
final class Abandonable<T> extends CompletableFuture<T> {
    private static final int WAITING = 0;
    private static final int TAKEN = 1;
    private static final int GIVEN_UP = 2;
    private final AtomicInteger state = new AtomicInteger(WAITING);

    /** True when the writer may run it (also again, after a busy store made it roll back). */
    boolean take() {
        return state.compareAndSet(WAITING, TAKEN) || state.get() == TAKEN;
    }

    /** At its deadline, before the writer took it: fails it; false when the writer took it already. */
    boolean expire() {
        if (!state.compareAndSet(WAITING, GIVEN_UP)) {
            return state.get() == GIVEN_UP;
        }
        completeExceptionally(new StoreException("not written: its deadline passed while it waited for the"
                + " store's writer"));
        return true;
    }

    /** Succeeds only while the writer has not taken it: then nothing is written. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return state.compareAndSet(WAITING, GIVEN_UP) && super.cancel(mayInterruptIfRunning);
    }
}
