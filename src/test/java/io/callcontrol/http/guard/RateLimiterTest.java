package io.callcontrol.http.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.http.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Fixed minute and UTC-day windows per caller, on a clock the test moves. */
class RateLimiterTest {

    /** 10:00:45 UTC: 15 s before the next minute, 14 h before the next UTC day. */
    private final TestClock clock = new TestClock(Instant.parse("2024-05-01T10:00:45Z"));

    @Test
    void minuteBudgetRunsOutAndComesBackNextMinute() {
        RateLimiter limiter = new RateLimiter(3, 100, clock);

        assertThat(limiter.take("crm").minuteRemaining()).isEqualTo(2);
        assertThat(limiter.take("crm").minuteRemaining()).isEqualTo(1);
        RateLimiter.Decision third = limiter.take("crm");
        assertThat(third.allowed()).isTrue();
        assertThat(third.minuteRemaining()).isZero();
        assertThat(third.dayRemaining()).isEqualTo(97);

        RateLimiter.Decision refused = limiter.take("crm");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.spent()).isEqualTo(RateLimiter.Budget.MINUTE);
        assertThat(refused.retryAfterSeconds()).isEqualTo(15);
        assertThat(refused.dayRemaining()).as("a refused request is not counted").isEqualTo(97);
        assertThat(limiter.take("ivr").allowed()).as("each caller has its own budget").isTrue();

        clock.advance(Duration.ofSeconds(15));
        RateLimiter.Decision next = limiter.take("crm");
        assertThat(next.allowed()).isTrue();
        assertThat(next.minuteRemaining()).isEqualTo(2);
        assertThat(next.dayRemaining()).isEqualTo(96);
    }

    @Test
    void dayBudgetRunsOutUntilUtcMidnight() {
        RateLimiter limiter = new RateLimiter(0, 2, clock);
        limiter.take("crm");
        limiter.take("crm");

        RateLimiter.Decision refused = limiter.take("crm");
        assertThat(refused.spent()).isEqualTo(RateLimiter.Budget.DAY);
        assertThat(refused.spentLimit()).isEqualTo(2);
        assertThat(refused.retryAfterSeconds()).isEqualTo(14 * 3600 - 45);
        assertThat(refused.minuteLimit()).as("0: no minute budget").isZero();

        clock.set(Instant.parse("2024-05-01T23:59:59Z"));
        assertThat(limiter.take("crm").retryAfterSeconds()).isEqualTo(1);
        clock.set(Instant.parse("2024-05-02T00:00:00Z"));
        assertThat(limiter.take("crm").dayRemaining()).isEqualTo(1);
    }

    @Test
    void whenBothAreSpentTheDayDecidesWhenToRetry() {
        RateLimiter limiter = new RateLimiter(1, 1, clock);
        limiter.take("crm");

        RateLimiter.Decision refused = limiter.take("crm");

        assertThat(refused.spent()).isEqualTo(RateLimiter.Budget.DAY);
        assertThat(refused.retryAfterSeconds()).isEqualTo(14 * 3600 - 45);
    }

    @Test
    void zeroMeansUnlimited() {
        RateLimiter limiter = new RateLimiter(0, 0, clock);

        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.take("address " + i).allowed()).isTrue();
        }
        assertThat(limiter.trackedCallers()).as("nothing to count").isZero();
    }

    @Test
    void trackedCallersAreCappedAndTheRestShareOneBudget() {
        RateLimiter limiter = new RateLimiter(5, 0, clock, 100);
        for (int i = 0; i < 100; i++) {
            limiter.take("address 10.0.0." + i);
        }

        // Callers beyond the cap share one counter: together they get one caller's budget.
        int allowed = 0;
        for (int i = 0; i < 50; i++) {
            allowed += limiter.take("address 10.1.0." + i).allowed() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(5);
        assertThat(limiter.trackedCallers()).isEqualTo(100);
        assertThat(limiter.take("address 10.0.0.7").minuteRemaining()).as("tracked callers keep theirs").isEqualTo(3);
    }

    @Test
    void yesterdaysCallersAreEvictedWhenTheMapIsFull() {
        RateLimiter limiter = new RateLimiter(5, 0, clock, 100);
        for (int i = 0; i < 100; i++) {
            limiter.take("address 10.0.0." + i);
        }
        clock.advance(Duration.ofDays(1));

        assertThat(limiter.take("address 10.1.0.1").minuteRemaining()).isEqualTo(4);
        assertThat(limiter.trackedCallers()).isEqualTo(1);
    }

    @Test
    void concurrentRequestsGetExactlyTheBudget() throws Exception {
        RateLimiter limiter = new RateLimiter(1000, 0, clock);
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (limiter.take("crm").allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : threads.invokeAll(tasks)) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(allowed).hasValue(1000);
    }
}
