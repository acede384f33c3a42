package io.callcontrol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark 2, the history API on a big store. A real daemon (its own process) serves a generated store of 10
 * million status rows (SQLite: {@link HistoryStore}; PostgreSQL: {@link PostgresHistoryStore}, the same rows); wrk asks each read method for random ids, pages or cursors:
 * with 4 connections for the latency (p99), with 16 for the throughput, which is compared with nginx serving a
 * static file of the same body size in the same run. Every method's answers are checked against the generated
 * data first. The smoke run checks the answers on a small store and loads nothing.
 */
final class HistoryBench {

    private static final double TARGET_P99_MS = 10;
    private static final double TARGET_OF_NGINX = 0.5;
    private static final int LATENCY_CONNECTIONS = 4;
    private static final int THROUGHPUT_CONNECTIONS = 16;

    /** One read method under load: its URL path with one %d, and the range the number is drawn from. */
    record Endpoint(String name, String method, String parameters, long lo, long hi) {
        String path() {
            return "/api/" + method + ".json?" + parameters;
        }

        String path(long n) {
            return String.format(path(), n);
        }
    }

    private final BenchOptions options;
    private final Results results;
    private final Random random = new Random(7);

    private HistoryBench(BenchOptions options) {
        this.options = options;
        this.results = new Results(options.store().label("2 history API"));
    }

    static Results run(BenchOptions options) throws Exception {
        HistoryBench bench = new HistoryBench(options);
        bench.measure();
        return bench.results;
    }

    private void measure() throws Exception {
        long statuses = options.smoke() ? 20_000 : 10_000_000;
        Path dir = options.freshDir("history");
        Map<String, String> storage = new HashMap<>();
        if (options.store() == BenchStore.SQLITE) {
            Path store = HistoryStore.ensure(options.smoke() ? dir : options.cache(), statuses, results);
            storage.put("data.dir", store.toString());
        } else {
            long started = System.nanoTime();
            storage.putAll(PostgresHistoryStore.generate(statuses));
            storage.put("data.dir", dir.toString());
            results.info("store generated", "the same calls, statuses, recordings and presence changes in a fresh"
                    + " PostgreSQL schema by generate_series, in " + Results.format((System.nanoTime() - started) / 1e9, 0)
                    + " s (" + PostgresHistoryStore.size(storage) + ")");
        }
        long calls = HistoryStore.callsFor(statuses);
        long orders = (calls + HistoryStore.CALLS_PER_ORDER - 1) / HistoryStore.CALLS_PER_ORDER;
        long events;
        long recordings;
        try (StoreProbe probe = new StoreProbe(storage)) {
            events = probe.maxEventId();
            recordings = probe.count("recordings");
        }
        List<Endpoint> endpoints = List.of(
                new Endpoint("callHistory by call_id", "callHistory", "call_id=%d", 1, calls),
                new Endpoint("callHistory cursor (after_id, limit=100)", "callHistory", "after_id=%d&limit=100", 0,
                        events - 100),
                new Endpoint("orderHistory", "orderHistory", "order_id=%d", HistoryStore.FIRST_ORDER,
                        HistoryStore.FIRST_ORDER + orders - 1),
                new Endpoint("orderRecords", "orderRecords", "order_id=%d", HistoryStore.FIRST_ORDER,
                        HistoryStore.FIRST_ORDER + orders - 1),
                new Endpoint("recordList (per_page=20, pages 1-50)", "recordList", "page=%d&per_page=20", 1, 50),
                new Endpoint("recordList by key (before_id anywhere, per_page=20)", "recordList",
                        "before_id=%d&per_page=20", 2, recordings + 1));

        try (FakeAsterisk ami = FakeAsterisk.start();
             DaemonProcess daemon = DaemonProcess.start(options, dir, daemonConfig(storage, ami.port(), dir),
                     options.daemonJvmOptions(dir))) {
            results.info("daemon start to serving, on this store",
                    Results.format(daemon.startupToServing().toMillis(), 0) + " ms");
            Api api = new Api(daemon.base());
            int[] bodySizes = new int[endpoints.size()];
            for (int i = 0; i < endpoints.size(); i++) {
                bodySizes[i] = check(api, endpoints.get(i), calls, recordings);
            }
            if (!options.smoke()) {
                load(dir, daemon, endpoints, bodySizes);
            }
            results.info("daemon RSS after the load", Results.format(daemon.rssKib() / 1024.0, 0) + " MiB (peak "
                    + Results.format(daemon.peakRssKib() / 1024.0, 0) + " MiB)");
        }
        results.correctness("every method's answers match the generated rows (" + Results.format(events, 0)
                + " statuses, " + Results.format(calls, 0) + " calls, " + Results.format(recordings, 0)
                + " recordings)");
    }

    private static Map<String, String> daemonConfig(Map<String, String> storage, int amiPort, Path dir)
            throws Exception {
        Map<String, String> config = new HashMap<>(storage);
        config.put("ami.port", Integer.toString(amiPort));
        config.put("agi.port", Integer.toString(DaemonProcess.freePort()));
        config.put("recordings.dir", dir.toString());
        return config;
    }

    private void load(Path dir, DaemonProcess daemon, List<Endpoint> endpoints, int[] bodySizes) throws Exception {
        if (!Wrk.installed() || !Nginx.installed()) {
            throw new IllegalStateException("wrk and nginx are needed (scripts/bench installs them)");
        }
        // JIT warm-up on every method, not measured: 5 s each (with 2 s, the first method measured still paid for
        // C2, its CPU per request varying 160-307 µs between runs of one build)
        for (Endpoint e : endpoints) {
            Wrk.run(dir, daemon.base(), e.path(), e.lo(), e.hi(), THROUGHPUT_CONNECTIONS, 5);
        }
        try (Nginx nginx = Nginx.start()) {
            floor(dir, daemon, nginx);
            for (int i = 0; i < endpoints.size(); i++) {
                Endpoint e = endpoints.get(i);
                Wrk.Run light = Wrk.run(dir, daemon.base(), e.path(), e.lo(), e.hi(), LATENCY_CONNECTIONS, 6);
                Duration cpuBefore = daemon.cpu();
                Wrk.Run heavy = Wrk.run(dir, daemon.base(), e.path(), e.lo(), e.hi(), THROUGHPUT_CONNECTIONS, 6);
                double cpuMicros = daemon.cpu().minus(cpuBefore).toNanos() / 1e3 / heavy.requests();
                String file = nginx.file("body-" + i + ".json", bodySizes[i]);
                Wrk.Run yardstick = Wrk.run(dir, nginx.base(), file + "?n=%d", e.lo(), e.hi(),
                        THROUGHPUT_CONNECTIONS, 6);
                for (Wrk.Run run : List.of(light, heavy)) {
                    if (run.non2xx() > 0 || !run.socketErrors().isEmpty()) {
                        results.problem(e.name() + ": " + run.non2xx() + " non-2xx answers under load; socket errors: "
                                + run.socketErrors());
                    }
                }
                results.figure(e.name() + ": latency, " + LATENCY_CONNECTIONS + " connections",
                        "p50 " + Results.format(light.p50Ms(), 2) + " ms, p99 " + Results.format(light.p99Ms(), 2)
                                + " ms (" + Results.format(light.requestsPerSecond(), 0) + " req/s)",
                        "p99 < " + Results.format(TARGET_P99_MS, 0) + " ms", Figure.atMost(light.p99Ms(), TARGET_P99_MS));
                double ratio = heavy.requestsPerSecond() / yardstick.requestsPerSecond();
                results.figure(e.name() + ": throughput, " + THROUGHPUT_CONNECTIONS + " connections, body "
                                + Results.format(bodySizes[i], 0) + " B",
                        Results.format(heavy.requestsPerSecond(), 0) + " req/s (p99 " + Results.format(heavy.p99Ms(), 1)
                                + " ms) vs nginx " + Results.format(yardstick.requestsPerSecond(), 0) + " req/s = "
                                + Results.format(ratio, 3) + "x",
                        "≥ " + TARGET_OF_NGINX + "x nginx", Figure.atLeast(ratio, TARGET_OF_NGINX));
                results.info(e.name() + ": daemon CPU per request (noise-proof cost)",
                        Results.format(cpuMicros, 1) + " µs, i.e. at most " + Results.format(2e6 / cpuMicros, 0)
                                + " req/s on 2 cores if nothing else ran");
            }
        }
    }

    /**
     * What the API answers at best, with no store read: webhookStatus (no webhooks configured, so a short fixed
     * answer) goes the way every method goes, from the I/O thread to a worker, through the JSON writer and back,
     * and reads nothing. Its rate against nginx bounds what any method that reads the store can reach.
     */
    private void floor(Path dir, DaemonProcess daemon, Nginx nginx) throws Exception {
        Endpoint e = new Endpoint("API floor: webhookStatus (worker and JSON, no store read)", "webhookStatus",
                "n=%d", 1, 1_000_000);
        Wrk.run(dir, daemon.base(), e.path(), e.lo(), e.hi(), THROUGHPUT_CONNECTIONS, 5);
        Duration cpuBefore = daemon.cpu();
        Wrk.Run run = Wrk.run(dir, daemon.base(), e.path(), e.lo(), e.hi(), THROUGHPUT_CONNECTIONS, 6);
        double cpuMicros = daemon.cpu().minus(cpuBefore).toNanos() / 1e3 / run.requests();
        int body = new Api(daemon.base()).get(e.method(), Map.of()).body().length;
        String file = nginx.file("body-floor.json", body);
        Wrk.Run yardstick = Wrk.run(dir, nginx.base(), file + "?n=%d", e.lo(), e.hi(), THROUGHPUT_CONNECTIONS, 6);
        if (run.non2xx() > 0 || !run.socketErrors().isEmpty()) {
            results.problem(e.name() + ": " + run.non2xx() + " non-2xx answers under load; socket errors: "
                    + run.socketErrors());
        }
        results.info(e.name() + ", " + THROUGHPUT_CONNECTIONS + " connections, body " + body + " B",
                Results.format(run.requestsPerSecond(), 0) + " req/s vs nginx "
                        + Results.format(yardstick.requestsPerSecond(), 0) + " req/s = "
                        + Results.format(run.requestsPerSecond() / yardstick.requestsPerSecond(), 3) + "x; daemon CPU "
                        + Results.format(cpuMicros, 1) + " µs per request");
    }

    /**
     * Asks the method for 20 random numbers of its range and checks each answer against the generated rows.
     *
     * @return the mean body size in bytes
     */
    private int check(Api api, Endpoint e, long calls, long recordings) throws Exception {
        long bytes = 0;
        int samples = 20;
        for (int k = 0; k < samples; k++) {
            long n = e.lo() + (long) (random.nextDouble() * (e.hi() - e.lo() + 1));
            String query = e.parameters().replace("%d", Long.toString(n));
            Map<String, String> params = new java.util.LinkedHashMap<>();
            for (String pair : query.split("&")) {
                params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            Api.Reply reply = api.get(e.method(), params);
            bytes += reply.body().length;
            if (reply.status() != 200) {
                results.problem(e.path(n) + " answered " + reply.status());
                continue;
            }
            String wrong = wrongIn(e, n, reply.json(), calls, recordings);
            if (wrong != null) {
                results.problem(e.path(n) + ": " + wrong);
            }
        }
        return (int) (bytes / samples);
    }

    /** What is wrong in an answer, or null. */
    private static String wrongIn(Endpoint e, long n, JsonNode body, long calls, long recordings) {
        switch (e.method()) {
            case "callHistory" -> {
                if (e.parameters().startsWith("call_id")) {
                    List<String> want = HistoryStore.chainOf(n).stream().map(CallStatus::name).toList();
                    List<String> got = texts(body.get("history"), "status");
                    return got.equals(want) && body.get("status").asText().equals(want.get(want.size() - 1))
                            ? null : "chain " + got + ", generated " + want;
                }
                List<String> ids = texts(body.get("history"), "id");
                for (int i = 0; i < ids.size(); i++) {
                    if (Long.parseLong(ids.get(i)) != n + 1 + i) {
                        return "cursor page has id " + ids.get(i) + " at " + i + " after " + n;
                    }
                }
                return ids.size() == 100 && body.get("next_after_id").asLong() == n + 100 ? null
                        : ids.size() + " events, next_after_id " + body.get("next_after_id");
            }
            case "orderHistory" -> {
                int want = 0;
                for (long call : callsOfOrder(n, calls)) {
                    want += HistoryStore.chainOf(call).size();
                }
                List<String> orders = texts(body.get("history"), "order_id");
                return orders.size() == want && orders.stream().allMatch(o -> o.equals(Long.toString(n))) ? null
                        : orders.size() + " events of orders " + new java.util.TreeSet<>(orders) + ", generated " + want;
            }
            case "orderRecords" -> {
                List<Long> want = callsOfOrder(n, calls);
                List<String> got = texts(body.get("calls"), "call_id");
                if (!got.equals(want.stream().map(Object::toString).toList())) {
                    return "calls " + got + ", generated " + want;
                }
                for (JsonNode call : body.get("calls")) {
                    boolean answered = HistoryStore.chainOf(call.get("call_id").asLong()).contains(CallStatus.CLIENT_PICKUP);
                    if (call.get("records").size() != (answered ? 1 : 0)) {
                        return "call " + call.get("call_id") + " has " + call.get("records").size() + " records";
                    }
                }
                return null;
            }
            case "recordList" -> {
                List<String> ids = texts(body.get("records"), "id");
                if (e.parameters().startsWith("before_id")) {
                    // the generated ids are dense: the page below n is n - 1, n - 2, ...
                    for (int i = 0; i < ids.size(); i++) {
                        if (Long.parseLong(ids.get(i)) != n - 1 - i) {
                            return "page before " + n + " has record " + ids.get(i) + " at " + i;
                        }
                    }
                    return ids.size() == Math.min(20, n - 1) && body.get("total").asLong() == recordings ? null
                            : ids.size() + " records, total " + body.get("total") + ", generated " + recordings;
                }
                for (int i = 0; i < ids.size(); i++) {
                    if (Long.parseLong(ids.get(i)) != recordings - (n - 1) * 20 - i) {
                        return "page " + n + " has record " + ids.get(i) + " at " + i + " (newest first expected)";
                    }
                }
                return ids.size() == Math.min(20, Math.max(0, recordings - (n - 1) * 20))
                        && body.get("total").asLong() == recordings ? null
                        : ids.size() + " records, total " + body.get("total") + ", generated " + recordings;
            }
            default -> throw new IllegalArgumentException(e.method());
        }
    }

    private static List<Long> callsOfOrder(long order, long calls) {
        List<Long> ids = new ArrayList<>();
        long first = (order - HistoryStore.FIRST_ORDER) * HistoryStore.CALLS_PER_ORDER + 1;
        for (long id = first; id < first + HistoryStore.CALLS_PER_ORDER && id <= calls; id++) {
            ids.add(id);
        }
        return ids;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> values.add(item.get(field).asText()));
        }
        return values;
    }
}
