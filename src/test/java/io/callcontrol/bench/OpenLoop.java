package io.callcontrol.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop pacing at a fixed rate: the i-th request of a run is due at its own time, whether or not the earlier
 * ones were answered, so a slow answer shows as latency instead of slowing the load down.
 */
public final class OpenLoop {

    private final long start = System.nanoTime();
    private final long interval;

    public OpenLoop(int perSecond) {
        this.interval = 1_000_000_000L / perSecond;
    }

    /** Waits until the i-th is due (counted from this loop's creation); its due time, as System.nanoTime. */
    public long awaitDue(int i) {
        long due = start + i * interval;
        for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
            LockSupport.parkNanos(due - now);
        }
        return due;
    }
}
