package io.callcontrol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.testbed.AmiWitness;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark 4, real calls. The daemon (its own process, -Xmx256m) drives the real Asterisk testbed
 * ({@code scripts/asterisk-testbed up}, which scripts/bench runs): calls from operator 1000 (answers and stays)
 * to clients whose numbers end in 0 (answer, talk 3 s, hang up), made at a fixed rate. Every call must end in
 * FINISH with exactly the chain below, each status once, the same through callHistory by call_id and through the
 * cursor stream. Reports the daemon's CPU and its peak RSS over the run.
 */
final class RealCallsBench {

    static final List<String> CHAIN = List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO",
            "CLIENT_PICKUP", "FINISH");
    private static final Set<String> TERMINAL = Set.of("OPERATOR_NOANSWER", "OPERATOR_BUSY", "OPERATOR_OFFLINE",
            "CLIENT_NOANSWER", "CLIENT_BUSY", "CLIENT_CANCEL", "ERROR", "FINISH");
    private static final double TARGET_RSS_MIB = 300;
    /** The testbed's dialplan calls the daemon's FastAGI here. */
    private static final int AGI_PORT = 4573;

    private final BenchOptions options;
    private final Results results = new Results("4 real calls");

    private RealCallsBench(BenchOptions options) {
        this.options = options;
    }

    static Results run(BenchOptions options) throws Exception {
        RealCallsBench bench = new RealCallsBench(options);
        bench.measure();
        return bench.results;
    }

    private void measure() throws Exception {
        int calls = options.size(1_000, 6);
        int rate = options.size(20, 3);
        Path dir = options.freshDir("realcalls");
        try (Socket ami = new Socket(InetAddress.getLoopbackAddress(), 5038)) {
            // reachable: the testbed is up
        } catch (Exception e) {
            throw new IllegalStateException("no Asterisk AMI on 127.0.0.1:5038: run scripts/asterisk-testbed up first");
        }
        awaitFree(AGI_PORT, Duration.ofSeconds(options.size(120, 60)));
        String testbed = System.getenv().getOrDefault("ASTERISK_TESTBED_DIR", "/var/lib/callcontrol-testbed");
        try (AmiWitness witness = new AmiWitness("callcontrol", "callcontrol-change-me");
             DaemonProcess daemon = DaemonProcess.start(options, dir, Map.of(
                "data.dir", dir.resolve("data").toString(),
                "agi.port", Integer.toString(AGI_PORT),
                "recordings.dir", Path.of(testbed, "sid/var/spool/asterisk/monitor").toString()),
                options.daemonJvmOptions(dir))) {
            Api api = new Api(daemon.base());
            awaitOperators(api);
            AtomicLong peakRss = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> sampleRss(daemon, peakRss, stop));
            long cpuBefore = daemon.cpu().toMillis();
            long started = System.nanoTime();
            List<Long> callIds = place(api, calls, rate);
            Map<Long, List<JsonNode>> stream = followUntilEnded(api, new HashSet<>(callIds),
                    Duration.ofSeconds(120 + calls / Math.max(1, rate)));
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpuMillis = daemon.cpu().toMillis() - cpuBefore;
            stop.set(true);
            sampler.get();
            long[] ended = check(api, callIds, stream, witness);
            results.info("calls", calls + " at " + rate + " new calls/s; all ended after " + Results.format(seconds, 1)
                    + " s; " + ended[0] + " in FINISH, " + ended[1] + " with exactly the chain");
            results.info("daemon CPU over the run", Results.format(cpuMillis / 1e3, 1) + " s = "
                    + Math.round(cpuMillis / 10.0 / seconds) + "% of one core");
            double peakMib = Math.max(peakRss.get(), daemon.peakRssKib()) / 1024.0;
            results.figure("daemon peak RSS (VmHWM, -Xmx256m)", Results.format(peakMib, 0) + " MiB",
                    "< " + Results.format(TARGET_RSS_MIB, 0) + " MiB",
                    options.smoke() ? Figure.Verdict.INFO : Figure.atMost(peakMib, TARGET_RSS_MIB));
            long dropped = daemon.logLines("dropped");
            if (dropped > 0) {
                results.problem(dropped + " 'dropped' lines in the daemon's log");
            }
        }
        results.correctness("every call FINISH with exactly " + String.join(" > ", CHAIN)
                + ", by call_id and by cursor, no status lost or doubled");
    }

    /** The testbed's FastAGI port is fixed; another daemon (an integration test run) may hold it for a while. */
    private static void awaitFree(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return;
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("127.0.0.1:" + port + " (the testbed's FastAGI port) stayed in use"
                            + " by another process for " + timeout.toSeconds() + " s: another daemon is using the testbed");
                }
                Thread.sleep(500);
            }
        }
    }

    /** Waits until the daemon has learnt the testbed's operators over AMI (then makeCall is accepted). */
    private static void awaitOperators(Api api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Api.Reply reply = api.get("sipList", Map.of("status", "online,offline,inuse"));
            if (reply.status() == 200 && reply.json().get("total").asLong() >= 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the daemon did not learn the testbed's operators from AMI in 30 s");
    }

    /** Makes the calls at the rate (open loop); the call ids, in order. */
    private List<Long> place(Api api, int calls, int rate) throws Exception {
        String run = Long.toHexString(System.currentTimeMillis());
        List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
        OpenLoop pace = new OpenLoop(rate);
        for (int i = 0; i < calls; i++) {
            pace.awaitDue(i);
            replies.add(api.postAsync("makeCall", Map.of("sip", "1000", "phone", "38063" + (3_000_000 + i) + "0",
                    "order_id", "real-" + run + "-" + i / 2, "external_key", "real-" + run + "-" + i)));
        }
        List<Long> ids = new ArrayList<>();
        for (CompletableFuture<Api.Reply> reply : replies) {
            Api.Reply r = reply.get();
            if (r.status() != 200) {
                results.problem("makeCall answered " + r.status() + ": " + new String(r.body()));
            } else {
                ids.add(r.json().get("call_id").asLong());
            }
        }
        return ids;
    }

    /** Follows the cursor stream until every call has a terminal status; the events per call. */
    private Map<Long, List<JsonNode>> followUntilEnded(Api api, Set<Long> calls, Duration timeout) throws Exception {
        Map<Long, List<JsonNode>> byCall = new HashMap<>();
        Set<Long> ended = new HashSet<>();
        Set<Long> seenIds = new HashSet<>();
        long cursor = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ended.size() < calls.size() && System.nanoTime() < deadline) {
            JsonNode page = api.get("callHistory", Map.of("after_id", Long.toString(cursor), "limit", "1000")).json();
            for (JsonNode event : page.get("history")) {
                if (!seenIds.add(event.get("id").asLong())) {
                    results.problem("the cursor returned event " + event.get("id") + " twice");
                }
                long call = event.get("call_id").asLong();
                byCall.computeIfAbsent(call, c -> new ArrayList<>()).add(event);
                if (TERMINAL.contains(event.get("status").asText())) {
                    ended.add(call);
                }
            }
            long next = page.get("next_after_id").asLong();
            if (next == cursor) {
                Thread.sleep(200);
            }
            cursor = next;
        }
        if (ended.size() < calls.size()) {
            results.problem((calls.size() - ended.size()) + " calls had no terminal status after " + timeout);
        }
        return byCall;
    }

    /** Checks each call by call_id and against the cursor stream: {calls in FINISH, calls with the exact chain}. */
    private long[] check(Api api, List<Long> callIds, Map<Long, List<JsonNode>> stream, AmiWitness witness)
            throws Exception {
        long finished = 0;
        long exact = 0;
        List<Long> neverRang = new ArrayList<>();
        for (long callId : callIds) {
            JsonNode call = api.get("callHistory", Map.of("call_id", Long.toString(callId))).json();
            List<String> chain = new ArrayList<>();
            call.get("history").forEach(e -> chain.add(e.get("status").asText()));
            if ("FINISH".equals(call.get("status").asText())) {
                finished++;
            }
            List<String> streamed = new ArrayList<>();
            stream.getOrDefault(callId, List.of()).forEach(e -> streamed.add(e.get("status").asText()));
            List<String> withoutRinging = new ArrayList<>(CHAIN);
            withoutRinging.remove("OPERATOR_CALLTO");
            List<String> reported = witness.operatorStates(callId);
            boolean rangFirst = reported.contains("Ringing")
                    && (!reported.contains("Up") || reported.indexOf("Ringing") < reported.indexOf("Up"));
            if (chain.equals(withoutRinging) && streamed.equals(chain) && !rangFirst) {
                // Asterisk itself did not report the operator's phone ringing before it answered
                neverRang.add(callId);
                exact++;
            } else if (!chain.equals(CHAIN)) {
                results.problem("call " + callId + ": " + chain + "; Asterisk reported the operator channel "
                        + reported + " in this order (seen on a second AMI session)");
            } else if (!streamed.equals(chain)) {
                results.problem("call " + callId + ": the cursor stream gave " + streamed + ", call_id gave " + chain);
            } else if (!"FINISH".equals(call.get("status").asText())) {
                results.problem("call " + callId + ": current status " + call.get("status"));
            } else {
                exact++;
            }
        }
        if (!neverRang.isEmpty()) {
            results.info("calls without OPERATOR_CALLTO because Asterisk sent no Newstate Ringing before Up (seen on"
                    + " a second AMI session)", neverRang.size() + " (first call " + neverRang.get(0) + "): the"
                    + " daemon's chains match what Asterisk reported");
        }
        return new long[] {finished, exact};
    }

    private static void sampleRss(DaemonProcess daemon, AtomicLong peak, AtomicBoolean stop) {
        while (!stop.get()) {
            peak.accumulateAndGet(daemon.rssKib(), Math::max);
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }
}
