package io.callcontrol.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, summarised in milliseconds. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The p-th percentile (nearest rank), in ms; NaN when there are none. */
    double ms(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double maxMs() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    /** "p50 1.2 ms, p99 3.4 ms, max 5.6 ms (n 1000)". */
    String summary() {
        return "p50 " + Results.format(ms(50), 2) + " ms, p99 " + Results.format(ms(99), 2) + " ms, max "
                + Results.format(maxMs(), 2) + " ms (n " + count() + ")";
    }
}
