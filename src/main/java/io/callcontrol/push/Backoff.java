package io.callcontrol.push;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Pauses between attempts: doubling from {@code min} up to {@code max}, each drawn at random from the upper half of
 * its step, so receivers that come back after an outage are not hit by every sender in the same instant.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The pause after the {@code attempt}-th failed attempt in a row (counting from 1). */
    Duration after(int attempt) {
        long step = minMillis;
        for (int i = 1; i < attempt && step < maxMillis; i++) {
            step *= 2;
        }
        step = Math.min(step, maxMillis);
        long half = step / 2;
        return Duration.ofMillis(step - half + random.nextLong(half + 1));
    }
}
