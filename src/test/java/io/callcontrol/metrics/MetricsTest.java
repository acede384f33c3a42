package io.callcontrol.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.call.CallStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The meters, read back the way Prometheus reads them: through the text a scrape returns. */
class MetricsTest {

    private final Metrics metrics = new Metrics();

    @Test
    void everyTerminalStatusHasItsEndedCounterFromTheStart() {
        metrics.callEnded(CallStatus.FINISH);
        metrics.callEnded(CallStatus.FINISH);
        metrics.callEnded(CallStatus.OPERATOR_BUSY);

        PrometheusText text = scrape();
        assertThat(text.type("callcontrol_calls_ended_total")).isEqualTo("counter");
        for (CallStatus status : CallStatus.values()) {
            double expected = status == CallStatus.FINISH ? 2 : status == CallStatus.OPERATOR_BUSY ? 1 : 0;
            if (status.isTerminal()) {
                assertThat(text.value("callcontrol_calls_ended_total", "status", status.name())).as(status.name())
                        .isEqualTo(expected);
            } else {
                assertThat(text.samples("callcontrol_calls_ended_total"))
                        .noneMatch(s -> s.labels().get("status").equals(status.name()));
            }
        }
        assertThat(text.samples("callcontrol_calls_ended_total"))
                .hasSize((int) Arrays.stream(CallStatus.values()).filter(CallStatus::isTerminal).count());
    }

    @Test
    void aStatusThatDoesNotEndACallIsRefused() {
        assertThatThrownBy(() -> metrics.callEnded(CallStatus.CLIENT_PICKUP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CLIENT_PICKUP");
    }

    @Test
    void originateLatencyIsAHistogramInSeconds() {
        metrics.callStarted();
        metrics.originateSent(Duration.ofMillis(3).toNanos());
        metrics.originateNotSent();
        metrics.originateRefused();
        metrics.originateRefused();

        PrometheusText text = scrape();
        assertThat(text.value("callcontrol_calls_started_total")).isEqualTo(1);
        assertThat(text.type("callcontrol_originate_latency_seconds")).isEqualTo("histogram");
        assertThat(text.value("callcontrol_originate_latency_seconds_count")).isEqualTo(1);
        assertThat(text.value("callcontrol_originate_latency_seconds_sum")).isEqualTo(0.003);
        assertThat(text.value("callcontrol_originate_latency_seconds_bucket", "le", "0.002")).isZero();
        assertThat(text.value("callcontrol_originate_latency_seconds_bucket", "le", "0.005")).isEqualTo(1);
        assertThat(text.value("callcontrol_originate_failures_total", "reason", "not_sent")).isEqualTo(1);
        assertThat(text.value("callcontrol_originate_failures_total", "reason", "refused")).isEqualTo(2);
    }

    @Test
    void everyLoginAfterTheFirstIsAReconnect() {
        metrics.amiLoggedIn();
        assertThat(scrape().value("callcontrol_ami_reconnects_total")).isZero();

        metrics.amiLoggedIn();
        metrics.amiLoggedIn();
        metrics.amiEvent();
        PrometheusText text = scrape();
        assertThat(text.value("callcontrol_ami_reconnects_total")).isEqualTo(2);
        assertThat(text.value("callcontrol_ami_events_total")).isEqualTo(1);
    }

    @Test
    void watchedPartsAreReadAtEachScrapeAndKeptAlive() {
        AtomicBoolean connected = new AtomicBoolean();
        AtomicBoolean ready = new AtomicBoolean();
        AtomicInteger trackerQueue = new AtomicInteger();
        AtomicInteger inProgress = new AtomicInteger();
        AtomicLong dropped = new AtomicLong();
        AtomicInteger storeQueue = new AtomicInteger();
        AtomicLong storeFailures = new AtomicLong();
        metrics.watchAmi(connected::get, ready::get);
        metrics.watchTracker(trackerQueue::get, inProgress::get, dropped::get);
        metrics.watchStore(storeQueue::get, storeFailures::get);
        assertThat(scrape().value("callcontrol_ami_connected")).isZero();
        assertThat(scrape().value("callcontrol_ami_ready")).isZero();

        connected.set(true);
        trackerQueue.set(7);
        inProgress.set(3);
        dropped.set(15);
        storeQueue.set(42);
        storeFailures.set(2);
        // a function counter holds its source weakly: the metrics must keep the suppliers alive themselves
        System.gc();
        PrometheusText text = scrape();
        assertThat(text.value("callcontrol_ami_connected")).isEqualTo(1);
        assertThat(text.value("callcontrol_ami_ready")).as("connected, Asterisk still booting").isZero();
        assertThat(text.value("callcontrol_tracker_queue_depth")).isEqualTo(7);
        assertThat(text.value("callcontrol_calls_in_progress")).isEqualTo(3);
        assertThat(text.type("callcontrol_tracker_dropped_facts_total")).isEqualTo("counter");
        assertThat(text.value("callcontrol_tracker_dropped_facts_total")).isEqualTo(15);
        assertThat(text.value("callcontrol_store_queue_depth")).isEqualTo(42);
        assertThat(text.value("callcontrol_store_failures_total")).isEqualTo(2);
    }

    @Test
    void apiRequestsAreTimedByMethodAndStatusClass() {
        RequestTimer recordList = metrics.apiRequests("recordList");
        RequestTimer makeCall = metrics.apiRequests("makeCall");
        recordList.record(200, Duration.ofMillis(20).toNanos());
        recordList.record(200, Duration.ofMillis(40).toNanos());
        recordList.record(404, Duration.ofMillis(1).toNanos());
        makeCall.record(503, Duration.ofSeconds(2).toNanos());
        makeCall.record(302, Duration.ofMillis(1).toNanos());

        PrometheusText text = scrape();
        String count = "callcontrol_http_requests_seconds_count";
        assertThat(text.value(count, "method", "recordList", "status", "2xx")).isEqualTo(2);
        assertThat(text.value(count, "method", "recordList", "status", "4xx")).isEqualTo(1);
        assertThat(text.value(count, "method", "recordList", "status", "5xx")).isZero();
        assertThat(text.value(count, "method", "makeCall", "status", "5xx")).isEqualTo(1);
        assertThat(text.value(count, "method", "makeCall", "status", "3xx")).isEqualTo(1);
        assertThat(text.value("callcontrol_http_requests_seconds_bucket", "method", "recordList", "status", "2xx",
                "le", "0.025")).isEqualTo(1);
        assertThatThrownBy(() -> makeCall.record(99, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJvmMetersAreThereWhenBound() {
        try (Metrics jvm = new Metrics().bindJvm()) {
            jvm.bindJvm();
            PrometheusText text = PrometheusText.parse(jvm.scrape());
            assertThat(text.families()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads",
                    "process_uptime_seconds", "process_cpu_usage", "process_files_open_files",
                    "jvm_gc_memory_allocated_bytes_total");
            assertThat(text.value("jvm_threads_live_threads")).isPositive();
            assertThat(text.value("process_files_open_files")).isPositive();
        }
        assertThat(PrometheusText.parse(metrics.scrape()).families()).noneMatch(name -> name.startsWith("jvm_"));
    }

    @Test
    void closingTwiceIsHarmless() {
        Metrics jvm = new Metrics().bindJvm();
        jvm.close();
        jvm.close();
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(metrics.scrape());
    }
}
