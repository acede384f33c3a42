package io.callcontrol.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * How long one API method takes to answer, by HTTP status class ({@code 2xx}, {@code 4xx}, {@code 5xx}): the
 * timer {@code callcontrol_http_requests_seconds{method, status}}. The classes the API answers are made up front;
 * recording is an array index and a histogram update.
 */
public final class RequestTimer {

    private final MeterRegistry registry;
    private final String method;
    /** By status class: index 2 for 2xx ... 5 for 5xx. */
    private final Timer[] byClass = new Timer[6];

    RequestTimer(MeterRegistry registry, String method) {
        this.registry = registry;
        this.method = method;
        for (int statusClass : new int[] {2, 4, 5}) {
            byClass[statusClass] = timer(statusClass);
        }
    }

    /** One answer with {@code httpStatus}, {@code nanos} after the whole request was read. */
    public void record(int httpStatus, long nanos) {
        int statusClass = httpStatus / 100;
        if (statusClass < 1 || statusClass > 5) {
            throw new IllegalArgumentException("not an HTTP status: " + httpStatus);
        }
        Timer timer = byClass[statusClass];
        if (timer == null) {
            // 1xx and 3xx: the API sends neither; two threads racing here get the same meter from the registry
            timer = timer(statusClass);
            byClass[statusClass] = timer;
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(int statusClass) {
        return Timer.builder("callcontrol.http.requests")
                .description("API requests by method and HTTP status class, from the request read to its answer built")
                .tag("method", method)
                .tag("status", statusClass + "xx")
                .serviceLevelObjectives(Metrics.LATENCY_BUCKETS)
                .register(registry);
    }
}
