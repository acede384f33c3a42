package io.callcontrol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallStatus;
import io.callcontrol.testbed.PostgresCluster;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmark 6, callStats on the 10 M store of benchmark 2 ({@link HistoryStore}: 1.94 M calls, one every 1.5 s over
 * 34 days, so a month is nearly all of them), on SQLite and then on PostgreSQL ({@link PostgresHistoryStore}: the
 * same calls). A daemon serves each; the figures of a month in Europe/Kyiv (a DST change inside) are checked against
 * the generated calls first, then wrk asks for that month (all operators, and one operator drawn at random) with 2
 * connections: its p99 against the target.
 */
final class StatsBench {

    private static final double TARGET_P99_MS = 500;
    private static final int CONNECTIONS = 2;
    private static final ZoneId ZONE = ZoneId.of("Europe/Kyiv");

    private final BenchOptions options;
    private final Results results = new Results("6 callStats");

    private StatsBench(BenchOptions options) {
        this.options = options;
    }

    static Results run(BenchOptions options) throws Exception {
        StatsBench bench = new StatsBench(options);
        bench.measure();
        return bench.results;
    }

    private void measure() throws Exception {
        long statuses = options.smoke() ? 20_000 : 10_000_000;
        Path dir = options.freshDir("stats");
        Path store = HistoryStore.ensure(options.smoke() ? dir : options.cache(), statuses, results);
        long calls = HistoryStore.callsFor(statuses);
        // the smoke store's 4,000 calls fill two hours of the first day
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(HistoryStore.createdAt(1)), ZONE);
        LocalDate from = options.smoke() ? first : first.plusDays(1);
        LocalDate to = options.smoke() ? first : from.plusDays(30);
        String month = "from=" + from + "&to=" + to + "&tz=" + ZONE.getId();
        serve("SQLite", dir, Map.of("data.dir", store.toString()), from, to, month, calls);
        try (AutoCloseable postgres = PostgresCluster.startOrJoin()) {
            long started = System.nanoTime();
            Map<String, String> settings = PostgresHistoryStore.generate(statuses);
            results.info("PostgreSQL store generated", Results.format(calls, 0) + " calls and their status rows"
                    + " by generate_series, tallies by V8's backfill, in "
                    + Results.format((System.nanoTime() - started) / 1e9, 0) + " s");
            Map<String, String> config = new java.util.HashMap<>(settings);
            config.put("data.dir", dir.toString());
            serve("PostgreSQL", dir, config, from, to, month, calls);
        }
        results.correctness("the month's figures match the generated calls (" + Results.format(calls, 0)
                + " calls in each store)");
    }

    /** A daemon on the store of {@code storage} (with the other settings a benchmark's daemon has): checked, loaded. */
    private void serve(String kind, Path dir, Map<String, String> storage, LocalDate from, LocalDate to,
                       String month, long calls) throws Exception {
        Map<String, String> config = new java.util.HashMap<>(storage);
        try (FakeAsterisk ami = FakeAsterisk.start()) {
            config.put("ami.port", Integer.toString(ami.port()));
            config.put("agi.port", Integer.toString(DaemonProcess.freePort()));
            config.put("recordings.dir", dir.toString());
            try (DaemonProcess daemon = DaemonProcess.start(options, dir, config, options.daemonJvmOptions(dir))) {
                check(kind, new Api(daemon.base()), from, to, calls);
                if (!options.smoke()) {
                    load(dir, daemon, kind + ": callStats, a month (" + from + ".." + to
                            + ", Europe/Kyiv), all operators", "/api/callStats.json?" + month + "&n=%d", 1, 1_000_000);
                    load(dir, daemon, kind + ": callStats, a month, one operator (sip drawn from 200)",
                            "/api/callStats.json?" + month + "&sip=1%d", 0, 199);
                }
            }
        }
    }

    private void load(Path dir, DaemonProcess daemon, String name, String path, long lo, long hi) throws Exception {
        if (!Wrk.installed()) {
            throw new IllegalStateException("wrk is needed (scripts/bench installs it)");
        }
        Wrk.run(dir, daemon.base(), path, lo, hi, CONNECTIONS, 5); // JIT warm-up, not measured
        Wrk.Run run = Wrk.run(dir, daemon.base(), path, lo, hi, CONNECTIONS, 10);
        if (run.non2xx() > 0 || !run.socketErrors().isEmpty()) {
            results.problem(name + ": " + run.non2xx() + " non-2xx answers; socket errors: " + run.socketErrors());
        }
        results.figure(name + ": latency, " + CONNECTIONS + " connections",
                "p50 " + Results.format(run.p50Ms(), 2) + " ms, p99 " + Results.format(run.p99Ms(), 2) + " ms ("
                        + Results.format(run.requestsPerSecond(), 0) + " req/s)",
                "p99 < " + Results.format(TARGET_P99_MS, 0) + " ms", Figure.atMost(run.p99Ms(), TARGET_P99_MS));
    }

    /** The month's totals, and one day's, against the calls the generator placed in them. */
    private void check(String kind, Api api, LocalDate from, LocalDate to, long calls) throws Exception {
        Map<String, Long> want = expected(from, to, calls);
        Api.Reply reply = api.get("callStats", Map.of("from", from.toString(), "to", to.toString(),
                "tz", ZONE.getId()));
        if (reply.status() != 200) {
            results.problem(kind + ": callStats answered " + reply.status() + ": " + new String(reply.body()));
            return;
        }
        JsonNode totals = reply.json().get("totals");
        Map<String, Long> got = new TreeMap<>();
        totals.get("statuses").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                got.put(e.getKey(), e.getValue().asLong());
            }
        });
        if (!got.equals(want)) {
            results.problem(kind + ": callStats " + from + ".." + to + ": statuses " + got + ", generated " + want);
        }
        // every generated chain that rings rings 2 s (OPERATOR_CALLTO to the next status), every talk lasts 2 s
        if (totals.get("avg_ring_ms").asLong() != 2_000 || totals.get("avg_talk_ms").asLong() != 2_000) {
            results.problem(kind + ": callStats: average ring " + totals.get("avg_ring_ms") + " ms, talk "
                    + totals.get("avg_talk_ms") + " ms; generated 2000 and 2000");
        }
        long operators = reply.json().get("by_operator").size();
        if (operators != Math.min(HistoryStore.OPERATORS, want.values().stream().mapToLong(Long::longValue).sum())) {
            results.problem(kind + ": callStats: " + operators + " operators");
        }
        results.info(kind + ": callStats answer of the month", Results.format(reply.body().length, 0) + " B; "
                + Results.format(got.values().stream().mapToLong(Long::longValue).sum(), 0) + " calls");
    }

    /** Calls by terminal status among those the generator placed in [from, to] (local dates in the zone). */
    private static Map<String, Long> expected(LocalDate from, LocalDate to, long calls) {
        long start = from.atStartOfDay(ZONE).toInstant().toEpochMilli();
        long end = to.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
        Map<String, Long> counts = new TreeMap<>();
        for (long id = 1; id <= calls; id++) {
            long created = HistoryStore.createdAt(id);
            if (created >= start && created < end) {
                List<CallStatus> chain = HistoryStore.chainOf(id);
                counts.merge(chain.get(chain.size() - 1).name(), 1L, Long::sum);
            }
        }
        return new LinkedHashMap<>(counts);
    }
}
