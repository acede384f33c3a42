package io.callcontrol.push;

/**
 * Tells the push side that the store committed something: a version number that each commit moves on, and that
 * readers wait on instead of polling the store. The writer only bumps it and wakes the waiters.
 */
public final class Changes {

    private long version;

    /** After a commit, on the writer's thread. */
    public synchronized void committed() {
        version++;
        notifyAll();
    }

    public synchronized long version() {
        return version;
    }

    /**
     * Waits until the version differs from {@code seen} or {@code timeoutMillis} passed.
     *
     * @return the version now
     */
    public synchronized long await(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (version == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return version;
    }
}
