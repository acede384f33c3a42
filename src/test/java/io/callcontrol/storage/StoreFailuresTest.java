package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.callcontrol.call.FirstParty;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.metrics.PrometheusText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

/** A transaction the store cannot commit is counted, for callcontrol_store_failures_total; a commit is not. */
@BothStores
class StoreFailuresTest {

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    @Test
    void aCommittedTransactionIsNoFailure() {
        try (TestStore t = TestStore.open(kind, dir); Metrics metrics = new Metrics()) {
            metrics.watchStore(t.store::backlog, t.store::failures);
            t.call("key-1", "order-1");

            assertThat(t.store.failures()).isZero();
            assertThat(PrometheusText.parse(metrics.scrape()).value("callcontrol_store_failures_total")).isZero();
        }
    }

    @Test
    void aFailedTransactionIsCounted() {
        try (TestStore t = TestStore.open(kind, dir); Metrics metrics = new Metrics()) {
            metrics.watchStore(t.store::backlog, t.store::failures);
            // no write is under way (closing the pool under one would fail its return of the connection instead):
            // the writer can no longer get a connection, and its next transaction fails as a whole
            t.database.close();

            Throwable failed = catchThrowable(() -> t.store.createCall("201", "+79001234567", "order-1", "key-2",
                    FirstParty.OPERATOR, Duration.ofSeconds(5)).get());

            assertThat(failed).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StoreException.class);
            assertThat(t.store.failures()).isEqualTo(1);
            assertThat(t.store.lastFailure()).contains("closed");
            PrometheusText text = PrometheusText.parse(metrics.scrape());
            assertThat(text.value("callcontrol_store_failures_total")).isEqualTo(1);
            assertThat(text.value("callcontrol_store_queue_depth")).isZero();
        }
    }
}
