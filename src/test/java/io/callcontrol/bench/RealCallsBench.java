package io.callcontrol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.testbed.AmiWitness;
import io.callcontrol.testbed.AsteriskTestbed;
import io.callcontrol.testbed.Outcome;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Benchmark 4, real calls. The daemon (its own process, -Xmx256m) drives the real Asterisk testbed
 * ({@code scripts/asterisk-testbed up}, which scripts/bench runs) with calls made at a fixed rate, in one of two
 * loads: all answered (operator 1000 answers and stays, clients ending in 0 answer, talk 3 s, hang up), or every
 * outcome mixed ({@link Outcome#MIX}: answered, client busy, client hangs up at once, operator busy, no answer,
 * offline; the client reached through a Local channel), or all answered through two Asterisk servers at once. Every call must end with exactly its outcome's chain, each
 * status once, the same through callHistory by call_id and through the cursor stream. Reports the daemon's CPU and
 * its peak RSS over the run.
 */
final class RealCallsBench {

    /**
     * A load: its size and rate (full, smoke), each call's outcome, and the daemon's settings for it. The mixed load
     * reaches its clients through the testbed's Local route and lets the Originates out at the load's own rate.
     */
    private record Load(String name, int calls, int tinyCalls, int rate, int tinyRate, IntFunction<Outcome> outcome,
            Map<String, String> config) {
    }

    private static final Load ANSWERED = new Load("all answered", 1_000, 6, 20, 3, i -> Outcome.ANSWERED, Map.of());
    private static final Load MIXED = new Load("every outcome mixed", 1_000, Outcome.MIX.size(), 50, 5,
            Outcome::mixed, Map.of("client.channel", "Local/{phone}@testbed-clients", "dial.max.rate", "100",
                    "operator.ring.timeout", "5s"));
    /**
     * Two Asterisk servers ({@code scripts/asterisk-testbed up2}), 20 new calls/s to each: operator 1000 on the
     * first, 2000 on the second (ami.servers=a,b, routed by operator prefix), one call to each in turn.
     */
    private static final Load TWO_SERVERS = new Load("two Asterisk servers, all answered, one call to each in turn",
            1_000, 6, 40, 4, i -> i % 2 == 0 ? Outcome.ANSWERED : Outcome.ANSWERED_ON_SECOND, twoServers());
    private static final Set<String> TERMINAL = Set.of("OPERATOR_NOANSWER", "OPERATOR_BUSY", "OPERATOR_OFFLINE",
            "CLIENT_NOANSWER", "CLIENT_BUSY", "CLIENT_CANCEL", "ERROR", "FINISH");
    private static final double TARGET_RSS_MIB = 300;
    /** The testbed's dialplan calls the daemon's FastAGI here. */
    private static final int AGI_PORT = 4573;

    private final BenchOptions options;
    private final Load load;
    private final Results results;

    private RealCallsBench(BenchOptions options, Load load, String label) {
        this.options = options;
        this.load = load;
        this.results = new Results(label);
    }

    /** All answered, at 20 new calls/s. */
    static Results run(BenchOptions options) throws Exception {
        RealCallsBench bench = new RealCallsBench(options, ANSWERED, "4 real calls");
        bench.measure();
        return bench.results;
    }

    /** Every outcome mixed, at 50 new calls/s. */
    static Results runMixed(BenchOptions options) throws Exception {
        RealCallsBench bench = new RealCallsBench(options, MIXED, "4b real calls, mixed");
        bench.measure();
        return bench.results;
    }

    /** Two Asterisk servers, 20 new calls/s to each. */
    static Results runTwoServers(BenchOptions options) throws Exception {
        RealCallsBench bench = new RealCallsBench(options, TWO_SERVERS, "4c real calls, two servers");
        bench.measure();
        return bench.results;
    }

    private void measure() throws Exception {
        int calls = options.size(load.calls(), load.tinyCalls());
        int rate = options.size(load.rate(), load.tinyRate());
        Path dir = options.freshDir(load == MIXED ? "mixedcalls" : load == TWO_SERVERS ? "twoservers" : "realcalls");
        awaitAmi(AsteriskTestbed.AMI_PORT, "scripts/asterisk-testbed up");
        if (load == TWO_SERVERS) {
            awaitAmi(AsteriskTestbed.SECOND_AMI_PORT, "scripts/asterisk-testbed up2");
        }
        awaitFree(AGI_PORT, Duration.ofSeconds(options.size(120, 60)));
        String testbed = System.getenv().getOrDefault("ASTERISK_TESTBED_DIR", "/var/lib/callcontrol-testbed");
        Map<String, String> config = new HashMap<>(load.config());
        config.putAll(Map.of("data.dir", dir.resolve("data").toString(), "agi.port", Integer.toString(AGI_PORT),
                "recordings.dir", Path.of(testbed, "sid/var/spool/asterisk/monitor").toString()));
        try (AmiWitness witness = new AmiWitness("callcontrol", "callcontrol-change-me");
             AmiWitness second = load == TWO_SERVERS
                     ? new AmiWitness("callcontrol", "callcontrol-change-me", AsteriskTestbed.SECOND_AMI_PORT) : null;
             DaemonProcess daemon = DaemonProcess.start(options, dir, config, options.daemonJvmOptions(dir))) {
            Api api = new Api(daemon.base());
            awaitOperators(api);
            AtomicLong peakRss = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> sampleRss(daemon, peakRss, stop));
            long cpuBefore = daemon.cpu().toMillis();
            long started = System.nanoTime();
            Map<Long, Outcome> callIds = place(api, calls, rate);
            Map<Long, List<JsonNode>> stream = followUntilEnded(api, new HashSet<>(callIds.keySet()),
                    Duration.ofSeconds(120 + calls / Math.max(1, rate)));
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpuMillis = daemon.cpu().toMillis() - cpuBefore;
            stop.set(true);
            sampler.get();
            Map<Outcome, Integer> right = check(api, callIds, stream, witness, second);
            results.info("calls", calls + " at " + rate + " new calls/s, " + load.name() + "; all ended after "
                    + Results.format(seconds, 1) + " s; with exactly their chain: " + right);
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
        results.correctness(load != MIXED
                ? "every call FINISH with exactly " + String.join(" > ", Outcome.ANSWERED.chain())
                        + ", by call_id and by cursor, no status lost or doubled"
                : "every call with exactly its outcome's chain (a busy operator OPERATOR_BUSY, cause 17), by call_id"
                        + " and by cursor, none left unended, no status lost, doubled or invented");
    }

    private static void awaitAmi(int port, String how) {
        try (Socket ami = new Socket(InetAddress.getLoopbackAddress(), port)) {
            // reachable: that Asterisk is up
        } catch (Exception e) {
            throw new IllegalStateException("no Asterisk AMI on 127.0.0.1:" + port + ": run " + how + " first");
        }
    }

    /** The daemon's settings for the testbed's two Asterisk servers, each with its own section. */
    private static Map<String, String> twoServers() {
        // the load's client sends each makeCall on a connection of its own as it falls due (open loop): at 40/s on a
        // loaded host more than the default 128 can be open at once from 127.0.0.1
        Map<String, String> config = new HashMap<>(Map.of("ami.servers", "a,b", "ami.a.operators", "1*",
                "ami.b.operators", "2*", "dial.max.rate", "100", "http.max.connections.per.peer", "1000"));
        for (String server : List.of("a", "b")) {
            int port = server.equals("a") ? AsteriskTestbed.AMI_PORT : AsteriskTestbed.SECOND_AMI_PORT;
            config.putAll(Map.of("ami." + server + ".host", "127.0.0.1", "ami." + server + ".port",
                    Integer.toString(port), "ami." + server + ".username", "callcontrol",
                    "ami." + server + ".secret", "callcontrol-change-me"));
        }
        return config;
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

    /** Makes the calls at the rate (open loop), the i-th of outcome {@code load.outcome(i)}; ids and outcomes. */
    private Map<Long, Outcome> place(Api api, int calls, int rate) throws Exception {
        String run = Long.toHexString(System.currentTimeMillis());
        List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
        OpenLoop pace = new OpenLoop(rate);
        for (int i = 0; i < calls; i++) {
            pace.awaitDue(i);
            Outcome outcome = load.outcome().apply(i);
            replies.add(api.postAsync("makeCall", Map.of("sip", outcome.sip(), "phone", outcome.phone(i),
                    "order_id", "real-" + run + "-" + i / 2, "external_key", "real-" + run + "-" + i)));
        }
        Map<Long, Outcome> ids = new LinkedHashMap<>();
        for (int i = 0; i < calls; i++) {
            Api.Reply r = replies.get(i).get();
            if (r.status() != 200) {
                results.problem("makeCall answered " + r.status() + ": " + new String(r.body()));
            } else {
                ids.put(r.json().get("call_id").asLong(), load.outcome().apply(i));
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

    /**
     * Checks each call by call_id and against the cursor stream, against the chain of the outcome it was placed for;
     * the calls right, per outcome.
     */
    private Map<Outcome, Integer> check(Api api, Map<Long, Outcome> callIds, Map<Long, List<JsonNode>> stream,
            AmiWitness first, AmiWitness second) throws Exception {
        Map<Outcome, Integer> right = new EnumMap<>(Outcome.class);
        List<Long> neverRang = new ArrayList<>();
        for (Map.Entry<Long, Outcome> placed : callIds.entrySet()) {
            long callId = placed.getKey();
            Outcome outcome = placed.getValue();
            JsonNode call = api.get("callHistory", Map.of("call_id", Long.toString(callId))).json();
            List<String> chain = new ArrayList<>();
            call.get("history").forEach(e -> chain.add(e.get("status").asText()));
            JsonNode history = call.get("history");
            String lastDetail = history.isEmpty() ? "" : history.get(history.size() - 1).get("detail").asText();
            List<String> streamed = new ArrayList<>();
            stream.getOrDefault(callId, List.of()).forEach(e -> streamed.add(e.get("status").asText()));
            // each call as the Asterisk that placed it saw it
            AmiWitness witness = outcome == Outcome.ANSWERED_ON_SECOND ? second : first;
            String wrong = outcome.wrong(chain, lastDetail, witness.operatorStates(callId));
            if (wrong != null) {
                results.problem("call " + callId + " (" + outcome + "): " + wrong + "; Asterisk reported "
                        + witness.timeline(callId) + " (seen on a second AMI session)");
            } else if (!streamed.equals(chain)) {
                results.problem("call " + callId + ": the cursor stream gave " + streamed + ", call_id gave " + chain);
            } else if (!chain.get(chain.size() - 1).equals(call.get("status").asText())) {
                results.problem("call " + callId + ": current status " + call.get("status") + ", chain " + chain);
            } else {
                right.merge(outcome, 1, Integer::sum);
                if (!chain.equals(outcome.chain())) {
                    neverRang.add(callId);
                }
            }
        }
        if (!neverRang.isEmpty()) {
            results.info("calls without OPERATOR_CALLTO because Asterisk sent no Newstate Ringing before Up (seen on"
                    + " a second AMI session)", neverRang.size() + " (first call " + neverRang.get(0) + "): the"
                    + " daemon's chains match what Asterisk reported");
        }
        return right;
    }

    private static void sampleRss(DaemonProcess daemon, AtomicLong peak, AtomicBoolean stop) {
        while (!stop.get()) {
            peak.accumulateAndGet(daemon.rssKib(), Math::max);
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }
}
