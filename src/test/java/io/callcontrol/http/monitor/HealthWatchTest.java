package io.callcontrol.http.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.Await;
import io.callcontrol.push.WebhookStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The daemon's state goes to the watchers when it changes, and only then; a new watcher gets it at once. */
class HealthWatchTest {

    private final AtomicBoolean amiUp = new AtomicBoolean(true);
    private final AtomicLong pending = new AtomicLong();
    private final HealthWatch watch = new HealthWatch(
            () -> new HealthCheck.Report(amiUp.get(), amiUp.get(), true, true, null, 0, 0, 0, 0),
            () -> List.of(new WebhookStatus("http://crm/hook", 0, pending.get(), 0, "ok", null, null, null, 0)));

    @Test
    void eachChangeIsToldOnceAndAnUnchangedStateNever() {
        List<HealthWatch.State> told = new CopyOnWriteArrayList<>();
        Runnable unwatch = watch.watch(told::add);
        try {
            watch.read();
            watch.read();
            assertThat(told).hasSize(1);
            assertThat(told.get(0).health().status()).isEqualTo("ok");

            amiUp.set(false);
            watch.read();
            watch.read();
            assertThat(told).hasSize(2);
            assertThat(told.get(1).health().status()).isEqualTo("degraded");
            assertThat(told.get(1).health().amiConnected()).isFalse();

            pending.set(3);
            watch.read();
            assertThat(told).hasSize(3);
            assertThat(told.get(2).webhooks()).extracting(WebhookStatus::pending).containsExactly(3L);

            unwatch.run();
            amiUp.set(true);
            watch.read();
            assertThat(told).as("nothing after the watch ended").hasSize(3);
        } finally {
            watch.close();
        }
    }

    @Test
    void aWatcherGetsTheCurrentStateAtOnce() throws Exception {
        try {
            watch.read();
            List<HealthWatch.State> told = new CopyOnWriteArrayList<>();
            watch.watch(told::add);
            Await.until(() -> told.size() == 1, Duration.ofSeconds(10), "the current state told to a new watcher");
            assertThat(told.get(0).health().amiReady()).isTrue();
        } finally {
            watch.close();
        }
    }

    @Test
    void aFailingWatcherDoesNotKeepTheOthersFromTheState() {
        List<HealthWatch.State> told = new CopyOnWriteArrayList<>();
        watch.watch(state -> {
            throw new IllegalStateException("closed");
        });
        watch.watch(told::add);
        try {
            watch.read();
            assertThat(told).hasSize(1);
        } finally {
            watch.close();
        }
    }
}
