package io.callcontrol.http.guard;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-caller request budgets in fixed windows: the current minute and the current UTC day; a limit of 0 is no
 * limit. Thread-safe. Memory stays bounded: a caller's counter is dropped once its day is over, and beyond
 * {@code maxCallers} new callers share one counter, so a flood of fresh addresses can neither grow the map nor
 * escape the limits.
 */
public final class RateLimiter {

    /** Callers counted one by one; more than http.api.keys can name, and more than a sane allow-list has peers. */
    static final int MAX_CALLERS = 10_000;

    private static final long MINUTE = 60;
    private static final long DAY = 86_400;
    private static final Decision UNLIMITED = new Decision(0, 0, 0, 0, null, 0);

    /** Which budget a refused request found spent. */
    public enum Budget {
        MINUTE("per-minute", "http.rate.per.minute"),
        DAY("per-day", "http.rate.per.day");

        final String adjective;
        final String key;

        Budget(String adjective, String key) {
            this.adjective = adjective;
            this.key = key;
        }
    }

    /**
     * The outcome for one request: the budgets left after it (limit 0: unlimited) and, when refused, the budget
     * that was spent and the seconds until its window starts over.
     */
    public record Decision(int minuteLimit, long minuteRemaining, int dayLimit, long dayRemaining, Budget spent,
                    long retryAfterSeconds) {

        public boolean allowed() {
            return spent == null;
        }

        /** The limit of the spent budget. */
        int spentLimit() {
            return spent == Budget.DAY ? dayLimit : minuteLimit;
        }
    }

    private final int perMinute;
    private final int perDay;
    private final int maxCallers;
    private final Clock clock;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter overflow = new Counter(0);
    private final AtomicLong lastSweepMinute = new AtomicLong(Long.MIN_VALUE);

    public RateLimiter(int perMinute, int perDay, Clock clock) {
        this(perMinute, perDay, clock, MAX_CALLERS);
    }

    RateLimiter(int perMinute, int perDay, Clock clock, int maxCallers) {
        this.perMinute = perMinute;
        this.perDay = perDay;
        this.maxCallers = maxCallers;
        this.clock = clock;
    }

    /** Counts one request of this caller, unless a budget is spent; then it is refused and not counted. */
    public Decision take(String caller) {
        if (perMinute == 0 && perDay == 0) {
            return UNLIMITED;
        }
        long second = clock.instant().getEpochSecond();
        long minute = Math.floorDiv(second, MINUTE);
        long day = Math.floorDiv(second, DAY);
        while (true) {
            Decision decision = counter(caller, minute, day).take(second, minute, day);
            if (decision != null) {
                return decision;
            }
            // The counter was swept between lookup and use: take a fresh one.
        }
    }

    /** How many callers are counted one by one (for tests of the bound). */
    int trackedCallers() {
        return counters.size();
    }

    private Counter counter(String caller, long minute, long day) {
        Counter counter = counters.get(caller);
        if (counter != null) {
            return counter;
        }
        if (counters.size() >= maxCallers) {
            sweep(minute, day);
            if (counters.size() >= maxCallers) {
                return overflow;
            }
        }
        return counters.computeIfAbsent(caller, c -> new Counter(day));
    }

    /** Drops the counters of callers not seen today; at most once a minute, as it walks the whole map. */
    private void sweep(long minute, long day) {
        if (lastSweepMinute.getAndSet(minute) != minute) {
            counters.values().removeIf(counter -> counter.sweepBefore(day));
        }
    }

    private final class Counter {
        private long minute;
        private long day;
        private long inMinute;
        private long inDay;
        private boolean swept;

        Counter(long day) {
            this.day = day;
        }

        /** The decision, or null when this counter was swept and must not count any more. */
        synchronized Decision take(long second, long nowMinute, long nowDay) {
            if (swept) {
                return null;
            }
            if (nowMinute != minute) {
                minute = nowMinute;
                inMinute = 0;
            }
            if (nowDay != day) {
                day = nowDay;
                inDay = 0;
            }
            boolean minuteSpent = perMinute > 0 && inMinute >= perMinute;
            boolean daySpent = perDay > 0 && inDay >= perDay;
            if (!minuteSpent && !daySpent) {
                inMinute++;
                inDay++;
            }
            // When both are spent, the day decides: retrying after the minute would only be refused again.
            Budget spent = daySpent ? Budget.DAY : minuteSpent ? Budget.MINUTE : null;
            long retryAfter = daySpent ? (day + 1) * DAY - second : minuteSpent ? (minute + 1) * MINUTE - second : 0;
            return new Decision(perMinute, Math.max(0, perMinute - inMinute), perDay, Math.max(0, perDay - inDay),
                    spent, retryAfter);
        }

        synchronized boolean sweepBefore(long nowDay) {
            if (day < nowDay) {
                swept = true;
            }
            return swept;
        }
    }
}
