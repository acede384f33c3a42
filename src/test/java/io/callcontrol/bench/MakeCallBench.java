package io.callcontrol.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark 3, makeCall. Requests go out at a fixed rate (open loop: each at its time, whether or not earlier
 * ones were answered) to a real daemon (its own process) whose AMI peer is {@link FakeAsterisk}; the time from a
 * request's send to its Originate's arrival on the AMI socket (correlated by the call_id in its ChannelId) is
 * the figure. Every request must be answered 200 and its call's Originate must arrive once.
 */
final class MakeCallBench {

    private static final double TARGET_P99_MS = 5;

    private final BenchOptions options;
    private final Results results = new Results("3 makeCall");

    private MakeCallBench(BenchOptions options) {
        this.options = options;
    }

    static Results run(BenchOptions options) throws Exception {
        MakeCallBench bench = new MakeCallBench(options);
        bench.measure();
        return bench.results;
    }

    /** One request: when it was sent, and its answer. */
    private record Sent(long sentNanos, CompletableFuture<Api.Reply> reply, CompletableFuture<Long> answeredNanos) {
    }

    private void measure() throws Exception {
        int rate = options.size(200, 20);
        int seconds = options.size(20, 1);
        Path dir = options.freshDir("makecall");
        try (FakeAsterisk ami = FakeAsterisk.start();
             DaemonProcess daemon = DaemonProcess.start(options, dir, Map.of(
                     "data.dir", dir.resolve("data").toString(), "ami.port", Integer.toString(ami.port()),
                     "agi.port", Integer.toString(DaemonProcess.freePort()),
                     "recordings.dir", Files.createDirectories(dir.resolve("recordings")).toString()),
                     options.daemonJvmOptions(dir))) {
            ami.awaitClient(Duration.ofSeconds(30));
            Api api = new Api(daemon.base());
            awaitAccepted(api);
            send(api, "warm", rate, options.size(5, 1)); // JIT warm-up, not measured
            long cpuBefore = daemon.cpu().toMillis();
            long started = System.nanoTime();
            List<Sent> measured = send(api, "run", rate, seconds);
            double elapsed = (System.nanoTime() - started) / 1e9;
            long cpu = daemon.cpu().toMillis() - cpuBefore;
            Thread.sleep(200); // the last Originates are on their way
            List<Long> toOriginate = new ArrayList<>();
            List<Long> roundTrips = new ArrayList<>();
            for (Sent sent : measured) {
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
            results.info("daemon CPU at this rate", Math.round(cpu / 10.0 / elapsed) + "% of one core");
        }
        results.correctness("every makeCall answered 200 and its Originate arrived exactly once");
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

    /** Sends rate × seconds requests, each at its own time; waits for every answer. */
    private static List<Sent> send(Api api, String prefix, int rate, int seconds) throws Exception {
        int count = rate * seconds;
        long interval = 1_000_000_000L / rate;
        List<Sent> sent = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now);
            }
            long at = System.nanoTime();
            CompletableFuture<Api.Reply> reply = api.postAsync("makeCall", params(prefix, i));
            sent.add(new Sent(at, reply, reply.thenApply(r -> System.nanoTime())));
        }
        CompletableFuture.allOf(sent.stream().map(Sent::reply).toArray(CompletableFuture[]::new)).get();
        return sent;
    }

    private static Map<String, String> params(String prefix, int i) {
        return Map.of("sip", "1000", "phone", "38063" + (2_000_000 + i) + "0", "order_id", prefix + "-" + i / 2,
                "external_key", prefix + "-" + i + "-" + Long.toHexString(System.nanoTime()));
    }
}
