package io.callcontrol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.config.Config;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Benchmark 1, AMI ingest. A real daemon (its own process; SQLite in a fresh folder, or a fresh PostgreSQL
 * schema) is fed the recorded
 * calls scaled to many concurrent calls by {@link FakeAsterisk}: flat out, timed from the first event sent to the
 * moment the last call's terminal status is committed, against the raw limit (the same stream read and split
 * into messages by a bare socket reader, in the same run); then paced at 5,000 events/s while a CRM-like poller
 * follows callHistory's cursor, timing each status from its deciding event's send to its first sight in the API.
 */
final class IngestBench {

    private static final double TARGET_EVENTS_PER_SECOND = 50_000;
    private static final double TARGET_VISIBLE_P99_MS = 50;
    /** Warm-up passes at most before the flat-out stream. */
    private static final int MAX_WARM_PASSES = 6;
    /** The JIT counts as done with the hot paths once its compiler threads use less than this share of a core. */
    private static final double JIT_QUIET = 0.10;
    /** The CRM-like poller's pause between two callHistory polls. */
    private static final long POLL_MILLIS = 5;
    /**
     * callHistory polls made untimed before the paced run: a daemon that runs for days answers them from compiled
     * code, and HotSpot's C2 compiles a method after ~10,000 calls of it. Without them the JIT compiled the poll's
     * path during the measured window, at 60 % of a core.
     */
    private static final int WARM_UP_POLLS = 10_000;

    /** Calls created before waiting for the last of them, while the benchmark fills the store. */
    private static final int CREATED_AT_ONCE = 2_000;

    private final BenchOptions options;
    private final Results results;
    private final Path dir;
    /** The store's settings: SQLite in the benchmark's folder, or a fresh PostgreSQL schema. */
    private final Map<String, String> storage;

    private IngestBench(BenchOptions options) throws IOException {
        this.options = options;
        this.results = new Results(options.store().label("1 AMI ingest"));
        this.dir = options.freshDir("ingest");
        // the calls are created in the store before the daemon starts, under its name: it follows them from its start
        // (on PostgreSQL calls of another name would wait for the leader to adopt them, while the stream runs)
        this.storage = new HashMap<>(options.store().fresh(dir.resolve("data")));
        storage.put("daemon.name", "bench-ingest");
    }

    static Results run(BenchOptions options) throws Exception {
        IngestBench bench = new IngestBench(options);
        bench.measure();
        return bench.results;
    }

    private void measure() throws Exception {
        int concurrent = options.size(500, 10);
        int warmCalls = options.size(6_000, 10);
        int warmPasses = options.smoke() ? 1 : MAX_WARM_PASSES;
        int flatCalls = options.size(12_000, 40);
        int pacedCalls = options.size(4_000, 20);
        double pacedRate = options.size(5_000, 1_000);
        List<CallRecord> calls = createCalls(storage, warmPasses * warmCalls + flatCalls + pacedCalls);
        List<AmiStream> warm = new ArrayList<>();
        for (int pass = 0; pass < warmPasses; pass++) {
            warm.add(AmiStream.of(calls.subList(pass * warmCalls, (pass + 1) * warmCalls), concurrent));
        }
        int warmed = warmPasses * warmCalls;
        AmiStream flat = AmiStream.of(calls.subList(warmed, warmed + flatCalls), concurrent);
        AmiStream paced = AmiStream.of(calls.subList(warmed + flatCalls, calls.size()), concurrent);
        results.info("stream", Results.format(flat.events.size(), 0) + " AMI events of " + flatCalls
                + " calls (" + AmiStream.TRANSCRIPTS.size() + " recorded kinds in turn, as the shipped eventfilter lets"
                + " them through, " + concurrent + " at once), " + Results.format(flat.statusCount(), 0) + " statuses");

        try (FakeAsterisk ami = FakeAsterisk.start()) {
            ami.liveChannels(calls.stream().map(CallRecord::channelId).toList());
            double raw = rawLimit(ami, warm.get(0), flat);
            Map<String, String> config = new HashMap<>(storage);
            config.putAll(Map.of("ami.host", "127.0.0.1",
                    "ami.port", Integer.toString(ami.port()), "agi.port", Integer.toString(DaemonProcess.freePort()),
                    "recordings.dir", Files.createDirectories(dir.resolve("recordings")).toString()));
            try (DaemonProcess daemon = DaemonProcess.start(options, dir, config, options.daemonJvmOptions(dir));
                 StoreProbe probe = new StoreProbe(storage)) {
                FakeAsterisk.Client client = ami.awaitClient(Duration.ofSeconds(30));
                long warmFrom = probe.maxEventId();
                List<AmiStream> replayed = warmUp(daemon, client, probe, warm);
                warmPolls(new Api(daemon.base()), warmFrom, options.size(WARM_UP_POLLS, 10));
                ingest(client, probe, flat, raw, daemon);
                pacedVisibility(daemon, client, probe, paced, pacedRate);
                long dropped = daemon.logLines("facts dropped");
                if (dropped > 0) {
                    results.problem("the daemon's tracker queue overflowed: " + dropped + " 'facts dropped' log lines");
                }
                for (AmiStream stream : replayed) {
                    checkChains(probe, stream);
                }
                checkChains(probe, flat);
                checkChains(probe, paced);
            }
        }
        results.correctness("every call's stored chain is exactly the recorded call's, none lost or doubled");
    }

    /**
     * Replays warm-up streams flat out until the JIT is done with the hot paths: until a pass in which the
     * compiler threads used less than {@link #JIT_QUIET} of one core, or all passes are replayed. A daemon that runs
     * for weeks has long compiled them; with C2 still compiling (a second and more per method on two shared cores)
     * a measured window of a few seconds would measure the compiler.
     *
     * @return the streams replayed
     */
    private List<AmiStream> warmUp(DaemonProcess daemon, FakeAsterisk.Client client, StoreProbe probe,
            List<AmiStream> passes) throws Exception {
        List<AmiStream> replayed = new ArrayList<>();
        double compiling = 1;
        for (AmiStream pass : passes) {
            Map<String, Long> before = daemon.threadCpuTicks();
            long start = System.nanoTime();
            ingest(client, probe, pass, null, null);
            replayed.add(pass);
            compiling = DaemonProcess.cpuShare(before, daemon.threadCpuTicks(), "CompilerThread",
                    (System.nanoTime() - start) / 1e9);
            if (compiling < JIT_QUIET) {
                break;
            }
        }
        results.info("warm-up before the flat-out stream", replayed.size() + " passes of "
                + Results.format(passes.get(0).events.size(), 0) + " events; the JIT compiler threads used "
                + Math.round(100 * compiling) + "% of a core in the last (passes end below "
                + Math.round(100 * JIT_QUIET) + "%, or after " + passes.size() + ")");
        return replayed;
    }

    /**
     * Calls in the store, as makeCall would have left them: CALL, waiting for Asterisk's events. Sent to the writer
     * {@link #CREATED_AT_ONCE} at a time, so that none waits past its deadline behind tens of thousands of others.
     */
    private static List<CallRecord> createCalls(Map<String, String> storage, int count) {
        Config config = Config.from(storage);
        try (Database database = Database.open(config.storage());
             CallStore store = new CallStore(database, Clock.systemUTC(), config.daemon().name())) {
            List<CompletableFuture<CallRecord>> created = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                created.add(store.createCall("1000", "38063" + (1_000_000 + i) + "0", "ingest-" + (i / 2),
                        "ingest-" + i, FirstParty.OPERATOR, Duration.ofSeconds(60)));
                if (created.size() % CREATED_AT_ONCE == 0) {
                    created.get(created.size() - 1).join();
                }
            }
            return created.stream().map(CompletableFuture::join).toList();
        }
    }

    /**
     * The same stream read by a bare reader: lines split at blank lines into messages, nothing decoded. Warmed
     * with the warm-up stream first, as the daemon is.
     *
     * @return events per second of the flat stream
     */
    private double rawLimit(FakeAsterisk ami, AmiStream warm, AmiStream flat) throws Exception {
        double rate = 0;
        for (AmiStream stream : List.of(warm, flat)) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ami.port())) {
                OutputStream out = socket.getOutputStream();
                out.write("Action: Login\r\nUsername: bench\r\nSecret: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                FakeAsterisk.Client client = ami.awaitClient(Duration.ofSeconds(10));
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII), 1 << 16);
                CompletableFuture<long[]> read = CompletableFuture.supplyAsync(() -> readUntilEnd(in));
                long start = FakeAsterisk.replay(client, stream.events, 0, new long[1]);
                long[] counted = read.get();
                if (counted[1] < stream.events.size()) {
                    results.problem("the bare reader split " + counted[1] + " events, not " + stream.events.size());
                }
                rate = stream.events.size() / ((counted[0] - start) / 1e9);
            }
        }
        results.info("raw limit: bare socket reader (read + split into messages)",
                Results.format(rate, 0) + " events/s");
        return rate;
    }

    /** Reads messages until the end marker: {end time, events counted}. */
    private static long[] readUntilEnd(BufferedReader in) {
        long events = 0;
        boolean inEvent = false;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    inEvent = false;
                    continue;
                }
                if (!inEvent && line.startsWith("Event: ")) {
                    inEvent = true;
                    events++;
                } else if (line.equals("UserEvent: BenchEnd")) {
                    return new long[] {System.nanoTime(), events - 1};
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("bare reader: " + e.getMessage(), e);
        }
        throw new IllegalStateException("bare reader: the stream ended before its end marker");
    }

    /** Replays a stream flat out and waits for its last terminal status; reports the rate when {@code raw} is given. */
    private void ingest(FakeAsterisk.Client client, StoreProbe probe, AmiStream stream, Double raw,
            DaemonProcess daemon) throws Exception {
        Map<String, Long> cpuBefore = daemon == null ? Map.of() : daemon.threadCpuTicks();
        Duration processCpuBefore = daemon == null ? Duration.ZERO : daemon.cpu();
        long first = stream.expected.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = stream.expected.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        long start = FakeAsterisk.replay(client, stream.events, 0, new long[1]);
        long end = probe.awaitFinished(first, last, Duration.ofSeconds(60 + stream.events.size() / 1_000), 2);
        if (end < 0) {
            results.problem((raw == null ? "warm-up" : "flat-out") + " stream: " + probe.unfinished(first, last)
                    + " calls never got their terminal status");
            return;
        }
        if (raw == null) {
            return;
        }
        double seconds = (end - start) / 1e9;
        double rate = stream.events.size() / seconds;
        results.figure("events decoded + tracked + persisted (flat out, to the last commit)",
                Results.format(rate, 0) + " events/s (" + Results.format(stream.statusCount() / seconds, 0)
                        + " statuses/s, " + Results.format(seconds, 2) + " s)",
                "≥ " + Results.format(TARGET_EVENTS_PER_SECOND, 0) + " events/s",
                options.smoke() ? Figure.Verdict.INFO : Figure.atLeast(rate, TARGET_EVENTS_PER_SECOND));
        results.info("daemon / raw limit", Results.format(rate / raw, 3) + "x");
        double cpuSeconds = daemon.cpu().minus(processCpuBefore).toMillis() / 1e3;
        results.info("daemon CPU while ingesting (100% = one core)",
                Math.round(100 * cpuSeconds / seconds) + "% in all; "
                        + DaemonProcess.busiestThreads(cpuBefore, daemon.threadCpuTicks(), seconds, 5));
        results.info("daemon CPU per event (noise-proof cost)", Results.format(cpuSeconds * 1e6 / stream.events.size(), 1)
                + " µs, i.e. at most " + Results.format(2 * stream.events.size() / cpuSeconds, 0)
                + " events/s on 2 cores if nothing else ran");
    }

    /**
     * Paced replay with a poller on callHistory's cursor (back to back, one request at a time): for each status,
     * the time from its deciding event's send to the poll answer that first showed it.
     */
    private void pacedVisibility(DaemonProcess daemon, FakeAsterisk.Client client, StoreProbe probe, AmiStream stream,
            double rate) throws Exception {
        long cursor = probe.maxEventId();
        Api api = new Api(daemon.base());
        Map<String, Long> seen = new HashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, Long> committed = new HashMap<>();
        CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> poll(api, cursor, seen, stop));
        CompletableFuture<Void> storePoller = CompletableFuture.runAsync(() -> pollStore(cursor, committed, stop));
        long[] sent = new long[stream.events.size()];
        long cpuBefore = daemon.cpu().toMillis();
        Map<String, Long> threadsBefore = daemon.threadCpuTicks();
        long start = FakeAsterisk.replay(client, stream.events, rate, sent);
        double seconds = (System.nanoTime() - start) / 1e9;
        results.info("daemon CPU while paced (100% = one core)", Math.round((daemon.cpu().toMillis() - cpuBefore) / 10.0
                / seconds) + "% in all; " + DaemonProcess.busiestThreads(threadsBefore, daemon.threadCpuTicks(), seconds, 4));
        long first = stream.expected.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = stream.expected.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        if (probe.awaitFinished(first, last, Duration.ofSeconds(60), 2) < 0) {
            results.problem("paced stream: " + probe.unfinished(first, last) + " calls never ended");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (size(seen) < stream.statusCount() && System.nanoTime() < deadline && !poller.isDone()) {
            Thread.sleep(10);
        }
        stop.set(true);
        poller.get();
        storePoller.get();
        List<Long> delays = new ArrayList<>();
        List<Long> commitDelays = new ArrayList<>();
        for (AmiStream.Expected call : stream.expected.values()) {
            for (int i = 0; i < call.statuses().size(); i++) {
                Long visible;
                synchronized (seen) {
                    visible = seen.get(call.callId() + ":" + call.statuses().get(i));
                }
                if (visible == null) {
                    results.problem("paced: call " + call.callId() + " " + call.statuses().get(i)
                            + " never appeared in callHistory's cursor stream");
                } else {
                    delays.add(visible - sent[call.decidedAt()[i]]);
                }
                Long stored = committed.get(call.callId() + ":" + call.statuses().get(i));
                if (stored != null) {
                    commitDelays.add(stored - sent[call.decidedAt()[i]]);
                }
            }
        }
        Percentiles p = new Percentiles(delays.stream().mapToLong(Long::longValue).toArray());
        results.figure("AMI event sent → status visible in callHistory (cursor), paced "
                        + Results.format(rate, 0) + " events/s", p.summary(),
                "p99 < " + Results.format(TARGET_VISIBLE_P99_MS, 0) + " ms",
                options.smoke() ? Figure.Verdict.INFO : Figure.atMost(p.ms(99), TARGET_VISIBLE_P99_MS));
        results.info("of which: AMI event sent → status committed (store polled every ms)",
                new Percentiles(commitDelays.stream().mapToLong(Long::longValue).toArray()).summary());
    }

    /**
     * Polls callHistory's cursor back to back over the statuses after {@code from}, from the start again at the end.
     */
    private static void warmPolls(Api api, long from, int polls) throws Exception {
        long cursor = from;
        for (int i = 0; i < polls; i++) {
            // pages of a few statuses, as the paced poller gets them
            JsonNode page = api.get("callHistory", Map.of("after_id", Long.toString(cursor), "limit", "10")).json();
            cursor = page.get("history").isEmpty() ? from : page.get("next_after_id").asLong();
        }
    }

    /** Notes when each status is first seen committed in the store itself. */
    private void pollStore(long from, Map<String, Long> committed, AtomicBoolean stop) {
        long cursor = from;
        try (StoreProbe probe = new StoreProbe(storage)) {
            while (!stop.get()) {
                List<String[]> rows = probe.eventsAfter(cursor, 1000);
                long now = System.nanoTime();
                for (String[] row : rows) {
                    committed.putIfAbsent(row[1] + ":" + row[2], now);
                    cursor = Long.parseLong(row[0]);
                }
                Thread.sleep(1);
            }
        } catch (Exception e) {
            results.problem("store poller failed: " + e);
        }
    }

    private static int size(Map<String, Long> seen) {
        synchronized (seen) {
            return seen.size();
        }
    }

    private void poll(Api api, long from, Map<String, Long> seen, AtomicBoolean stop) {
        long cursor = from;
        try {
            while (!stop.get()) {
                Api.Reply reply = api.get("callHistory", Map.of("after_id", Long.toString(cursor), "limit", "1000"));
                long now = System.nanoTime();
                if (reply.status() != 200) {
                    results.problem("callHistory poll answered " + reply.status());
                    Thread.sleep(10);
                    continue;
                }
                JsonNode page = reply.json();
                for (JsonNode event : page.get("history")) {
                    String key = event.get("call_id").asLong() + ":" + event.get("status").asText();
                    synchronized (seen) {
                        if (seen.putIfAbsent(key, now) != null) {
                            results.problem("callHistory cursor returned " + key + " twice");
                        }
                    }
                }
                cursor = page.get("next_after_id").asLong();
                Thread.sleep(POLL_MILLIS);
            }
        } catch (Exception e) {
            results.problem("callHistory poller failed: " + e);
        }
    }

    private void checkChains(StoreProbe probe, AmiStream stream) throws Exception {
        long first = stream.expected.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = stream.expected.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        Map<Long, List<CallStatus>> chains = probe.chains(first, last);
        Map<Long, CallStatus> current = probe.currentStatuses(first, last);
        for (AmiStream.Expected call : stream.expected.values()) {
            List<CallStatus> want = new ArrayList<>(List.of(CallStatus.CALL));
            want.addAll(call.statuses());
            List<CallStatus> got = chains.getOrDefault(call.callId(), List.of());
            if (!got.equals(want)) {
                results.problem("call " + call.callId() + ": stored " + got + ", expected " + want);
            } else if (current.get(call.callId()) != want.get(want.size() - 1)) {
                results.problem("call " + call.callId() + ": current status " + current.get(call.callId())
                        + ", expected " + want.get(want.size() - 1));
            }
        }
    }
}
