package io.callcontrol;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, bounded, for what other threads bring about. */
public final class Await {

    private Await() {
    }

    /**
     * Polls every 10 ms until {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} when it does not within {@code patience}
     */
    public static void until(BooleanSupplier condition, Duration patience, String what) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + patience.toSeconds() + " s in vain for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
