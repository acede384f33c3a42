package io.callcontrol.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void pausesDoubleUpToTheCapEachInTheUpperHalfOfItsStep() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(7));
        long[] steps = {1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000};

        for (int round = 0; round < 200; round++) {
            for (int attempt = 1; attempt <= steps.length; attempt++) {
                long step = steps[attempt - 1];
                assertThat(backoff.after(attempt).toMillis()).as("attempt %d", attempt).isBetween(step / 2, step);
            }
        }
        assertThat(backoff.after(1_000_000).toMillis()).isBetween(15_000L, 30_000L);
    }

    @Test
    void thePausesAreSpreadNotAllTheSame() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new Random(1));

        assertThat(IntStream.range(0, 50).mapToObj(i -> backoff.after(3)).distinct().count())
                .isGreaterThan(10);
    }
}
