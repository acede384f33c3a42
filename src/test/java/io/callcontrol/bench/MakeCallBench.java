package io.callcontrol.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 3, makeCall. Requests go out at a fixed rate (open loop: each at its time, whether or not earlier
 * ones were answered) to a real daemon (its own process, on SQLite or PostgreSQL) whose AMI peer is {@link FakeAsterisk}; the time from a
 * request's send to its Originate's arrival on the AMI socket (correlated by the call_id in its ChannelId) is
 * the figure. Every request must be answered 200 and its call's Originate must arrive once.
 */
final class MakeCallBench {

    private static final double TARGET_P99_MS = 5;
    /**
     * Untimed calls first: a daemon that runs for days serves makeCall from compiled code, and HotSpot's C2
     * compiles a method after ~10,000 calls of it; with fewer, the measured window is mostly the JIT at work.
     */
    private static final int WARM_UP_CALLS = 20_000;
    /** Requests in flight during the warm-up: it runs as fast as the daemon answers. */
    private static final int WARM_UP_IN_FLIGHT = 4;

    private final BenchOptions options;
    private final Results results;

    private MakeCallBench(BenchOptions options) {
        this.options = options;
        this.results = new Results(options.store().label("3 makeCall"));
    }

    static Results run(BenchOptions options) throws Exception {
        MakeCallBench bench = new MakeCallBench(options);
        bench.measure();
        return bench.results;
    }

    private void measure() throws Exception {
        int rate = options.size(200, 20);
        int seconds = options.size(20, 1);
        Path dir = options.freshDir("makecall");
        Map<String, String> config = new HashMap<>(options.store().fresh(dir.resolve("data")));
        try (FakeAsterisk ami = FakeAsterisk.start();
             DaemonProcess daemon = DaemonProcess.start(options, dir, with(config, Map.of(
                     "ami.port", Integer.toString(ami.port()),
                     "agi.port", Integer.toString(DaemonProcess.freePort()),
                     "recordings.dir", Files.createDirectories(dir.resolve("recordings")).toString(),
                     // the latency of a call under the Originate pace, which is what this measures
                     "dial.max.rate", "1000")),
                     options.daemonJvmOptions(dir));
             KeepAliveClient client = new KeepAliveClient(daemon.port())) {
            ami.awaitClient(Duration.ofSeconds(30));
            awaitAccepted(new Api(daemon.base()));
            warmUp(client, options.size(WARM_UP_CALLS, 20));
            // then at the measured rate, so that the code is compiled for the connections as the run uses them
            send(client, "settle", rate, options.size(5, 1));
            long cpuBefore = daemon.cpu().toMillis();
            Map<String, Long> threadsBefore = daemon.threadCpuTicks();
            long started = System.nanoTime();
            List<KeepAliveClient.Exchange> measured = send(client, "run", rate, seconds);
            double elapsed = (System.nanoTime() - started) / 1e9;
            long cpu = daemon.cpu().toMillis() - cpuBefore;
            String busiest = DaemonProcess.busiestThreads(threadsBefore, daemon.threadCpuTicks(), elapsed, 5);
            Thread.sleep(200); // the last Originates are on their way
            List<Long> toOriginate = new ArrayList<>();
            List<Long> roundTrips = new ArrayList<>();
            for (KeepAliveClient.Exchange sent : measured) {
                Api.Reply reply = sent.reply().get();
                if (reply.status() != 200) {
                    results.problem("makeCall answered " + reply.status() + ": " + new String(reply.body()));
                    continue;
                }
                roundTrips.add(sent.answeredNanos().get() - sent.sentNanos());
                long callId = reply.json().get("call_id").asLong();
                Long arrived = ami.originateArrival(callId);
                if (arrived == null) {
                    results.problem("call " + callId + ": no Originate reached Asterisk");
                } else {
                    toOriginate.add(arrived - sent.sentNanos());
                }
            }
            if (ami.originateCount() != ami.originates()) {
                results.problem((ami.originateCount() - ami.originates()) + " Originates were sent twice");
            }
            Percentiles p = new Percentiles(toOriginate.stream().mapToLong(Long::longValue).toArray());
            results.figure("HTTP request sent → Originate on the AMI socket, " + rate + " requests/s for "
                            + seconds + " s", p.summary(), "p99 < " + Results.format(TARGET_P99_MS, 0) + " ms",
                    options.smoke() ? Figure.Verdict.INFO : Figure.atMost(p.ms(99), TARGET_P99_MS));
            results.info("HTTP round trip of makeCall (answer after the commit)",
                    new Percentiles(roundTrips.stream().mapToLong(Long::longValue).toArray()).summary());
            results.info("daemon CPU at this rate", Math.round(cpu / 10.0 / elapsed) + "% of one core; " + busiest);
            results.info("daemon CPU per makeCall (noise-proof cost)",
                    Results.format((double) cpu / measured.size(), 2) + " ms");
        }
        if (options.store() == BenchStore.SQLITE) {
            Percentiles commits = bareCommits(sqlite(dir.resolve("bare-commits.db")), rate, seconds);
            results.info("the disk's limit: a bare durable SQLite commit (one row, WAL, synchronous=FULL, as the "
                    + "daemon's), " + rate + "/s for " + seconds + " s in the same run", commits.summary());
        } else {
            Percentiles commits = bareCommits(postgresql(options.store().fresh(dir.resolve("bare"))), rate, seconds);
            results.info("the disk's limit: a bare durable PostgreSQL commit (one row, fsync and synchronous_commit"
                    + " on, over loopback TCP), " + rate + "/s for " + seconds + " s in the same run", commits.summary());
        }
        results.correctness("every makeCall answered 200 and its Originate arrived exactly once");
    }

    /**
     * The part of makeCall's budget that is the store's: makeCall answers only once its call is durable, and the
     * Originate goes out after that commit, so no call can ring that the store does not know. Commits of one small
     * row each at the same rate, open loop (each timed from its due time, so a slow one delays the next), in a
     * fresh table of the same store kind on the same file system ({@code connection} is closed after).
     */
    private static Percentiles bareCommits(Connection connection, int rate, int seconds) throws Exception {
        long[] latencies = new long[rate * seconds];
        try (connection; PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO calls (phone, order_id, sip) VALUES (?, ?, '1000')")) {
            OpenLoop pace = new OpenLoop(rate);
            for (int i = 0; i < latencies.length; i++) {
                long due = pace.awaitDue(i);
                insert.setString(1, "38063" + (2_000_000 + i) + "0");
                insert.setString(2, "bare-" + i);
                insert.executeUpdate();
                latencies[i] = System.nanoTime() - due;
            }
        }
        return new Percentiles(latencies);
    }

    /** A SQLite file as the daemon opens its store (WAL, full fsync on commit), with a table of calls. */
    private static Connection sqlite(Path file) throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement setup = connection.createStatement()) {
            setup.execute("PRAGMA journal_mode = WAL");
            setup.execute("PRAGMA synchronous = FULL");
            setup.execute("CREATE TABLE calls (id INTEGER PRIMARY KEY, phone TEXT, order_id TEXT, sip TEXT)");
        }
        return connection;
    }

    /** A fresh PostgreSQL schema of the run's cluster (server defaults: every commit waits for its fsync). */
    private static Connection postgresql(Map<String, String> settings) throws Exception {
        Connection connection = DriverManager.getConnection(settings.get("storage.url"),
                settings.get("storage.username"), settings.get("storage.password"));
        try (Statement setup = connection.createStatement()) {
            setup.execute("CREATE TABLE calls (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, phone TEXT,"
                    + " order_id TEXT, sip TEXT)");
        }
        return connection;
    }

    /** {@code settings} with {@code more} added. */
    private static Map<String, String> with(Map<String, String> settings, Map<String, String> more) {
        settings.putAll(more);
        return settings;
    }

    /** Waits until makeCall is accepted (the daemon's AMI link is up). */
    private void awaitAccepted(Api api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (api.postAsync("makeCall", params("probe", 0)).get().status() == 200) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("makeCall was not accepted within 30 s");
    }

    /** Sends {@code count} requests, {@link #WARM_UP_IN_FLIGHT} at a time; waits for every answer. */
    private static void warmUp(KeepAliveClient client, int count) throws Exception {
        Semaphore slots = new Semaphore(WARM_UP_IN_FLIGHT);
        for (int i = 0; i < count; i++) {
            slots.acquire();
            client.send(request(client, "warm", i)).reply().whenComplete((reply, error) -> slots.release());
        }
        slots.acquire(WARM_UP_IN_FLIGHT);
    }

    /**
     * Sends rate × seconds requests, each at its own time (its bytes made before); waits for every answer. POST,
     * as {@link Api#postAsync} sends makeCall.
     */
    private static List<KeepAliveClient.Exchange> send(KeepAliveClient client, String prefix, int rate, int seconds)
            throws Exception {
        int count = rate * seconds;
        List<KeepAliveClient.Exchange> sent = new ArrayList<>(count);
        OpenLoop pace = new OpenLoop(rate);
        for (int i = 0; i < count; i++) {
            byte[] request = request(client, prefix, i);
            pace.awaitDue(i);
            sent.add(client.send(request));
        }
        CompletableFuture.allOf(sent.stream().map(KeepAliveClient.Exchange::reply).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        return sent;
    }

    private static byte[] request(KeepAliveClient client, String prefix, int i) {
        return client.post("/api/makeCall.json", Api.form(params(prefix, i)));
    }

    private static Map<String, String> params(String prefix, int i) {
        return Map.of("sip", "1000", "phone", "38063" + (2_000_000 + i) + "0", "order_id", prefix + "-" + i / 2,
                "external_key", prefix + "-" + i + "-" + Long.toHexString(System.nanoTime()));
    }
}
