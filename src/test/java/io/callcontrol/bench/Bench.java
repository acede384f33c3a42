package io.callcontrol.bench;

import io.callcontrol.testbed.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark programs' entry, run by {@code scripts/bench}:
 * <pre>
 * java -cp target/test-classes:target/callcontrol.jar io.callcontrol.bench.Bench \
 *     [--smoke] [--profile] [--store sqlite|postgresql|both] --out DIR --jar JAR --cache DIR SUITE...
 * java ... io.callcontrol.bench.Bench --out DIR report [DOC]
 * </pre>
 * Each suite prints its figures and writes them to {@code DIR/SUITE.tsv}; a suite that runs on either store
 * (ingest, history, makecall) runs once per store of {@code --store} (both by default, SQLite first), its
 * PostgreSQL figures in {@code DIR/SUITE-postgresql.tsv}, on a durable cluster of its own ({@link PostgresCluster}).
 * {@code report} renders every {@code .tsv} of DIR as one table (and writes it into DOC between its result
 * markers). Exit 1 when a suite found wrong results or failed.
 */
public final class Bench {

    /** A benchmark: runs with the options, returns its figures. */
    interface Suite {
        Results run(BenchOptions options) throws Exception;
    }

    /** A benchmark, its name in the table, and whether it runs on either store (else it picks its own). */
    record Named(String label, Suite suite, boolean eitherStore) {
        Named(String label, Suite suite) {
            this(label, suite, false);
        }
    }

    static final Map<String, Named> SUITES = new LinkedHashMap<>();

    static {
        SUITES.put("ingest", new Named("1 AMI ingest", IngestBench::run, true));
        SUITES.put("history", new Named("2 history API", HistoryBench::run, true));
        SUITES.put("makecall", new Named("3 makeCall", MakeCallBench::run, true));
        SUITES.put("realcalls", new Named("4 real calls", RealCallsBench::run));
        SUITES.put("mixedcalls", new Named("4b real calls, mixed", RealCallsBench::runMixed));
        SUITES.put("twoservers", new Named("4c real calls, two servers", RealCallsBench::runTwoServers));
        SUITES.put("startup", new Named("5 startup and idle", StartupBench::run));
        SUITES.put("stats", new Named("6 callStats", StatsBench::run));
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = false;
        boolean profile = false;
        Path out = Path.of("target/bench");
        Path jar = Path.of("target/callcontrol.jar");
        Path cache = Path.of("/var/tmp/callcontrol-bench");
        List<BenchStore> stores = BenchStore.parse("both");
        List<String> suites = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--profile" -> profile = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--cache" -> cache = Path.of(args[++i]);
                case "--store" -> stores = BenchStore.parse(args[++i]);
                default -> suites.add(args[i]);
            }
        }
        if (!suites.isEmpty() && suites.get(0).equals("report")) {
            Report.main(out, suites.size() > 1 ? Path.of(suites.get(1)) : null);
            return;
        }
        BenchOptions options = new BenchOptions(smoke, jar.toAbsolutePath(), out.toAbsolutePath(), profile,
                cache.toAbsolutePath(), BenchStore.SQLITE);
        boolean wrong = false;
        for (String name : suites.isEmpty() ? List.copyOf(SUITES.keySet()) : suites) {
            Named suite = SUITES.get(name);
            if (suite == null) {
                System.err.println("unknown suite " + name + "; the suites are " + SUITES.keySet());
                System.exit(2);
            }
            if (!suite.eitherStore()) {
                wrong |= !runSuite(name, suite, options);
                continue;
            }
            for (BenchStore store : stores) {
                if (store == BenchStore.SQLITE) {
                    wrong |= !runSuite(name, suite, options);
                } else {
                    wrong |= !runOnPostgresql(name, suite, options.on(store));
                }
            }
        }
        System.exit(wrong ? 1 : 0);
    }

    /**
     * Runs one suite on a durable PostgreSQL cluster of its own; profiled, with the server's statements written
     * beside the daemon's log ({@link PostgresStatements}).
     */
    private static boolean runOnPostgresql(String name, Named suite, BenchOptions options) throws Exception {
        if (options.profile()) {
            System.setProperty("postgresql.options", System.getProperty("postgresql.options", "") + " "
                    + PostgresStatements.SERVER_OPTIONS);
        }
        try (AutoCloseable cluster = PostgresCluster.startOrJoin(true)) {
            if (options.profile()) {
                PostgresStatements.reset();
            }
            boolean right = runSuite(name, suite, options);
            if (options.profile()) {
                PostgresStatements.write(options.out().resolve(name + options.store().fileSuffix)
                        .resolve("pg_stat_statements.txt"), 15);
            }
            return right;
        }
    }

    /** Runs one suite and writes its figures; false when it found wrong results or failed. */
    static boolean runSuite(String name, Named suite, BenchOptions options) throws Exception {
        String label = options.store().label(suite.label());
        System.out.println("== " + name + (suite.eitherStore() ? " on " + options.store().label : "")
                + (options.smoke() ? " (smoke)" : ""));
        long started = System.nanoTime();
        Results results;
        try {
            results = suite.suite().run(options);
        } catch (Exception | Error e) {
            System.out.println("  FAILED: " + e);
            e.printStackTrace(System.out);
            results = new Results(label);
            results.problem("the benchmark failed: " + e.getMessage());
            results.correctness("");
        }
        Files.createDirectories(options.out());
        results.write(options.out().resolve(name + options.store().fileSuffix + ".tsv"));
        System.out.println("   (" + Results.format((System.nanoTime() - started) / 1e9, 1) + " s)");
        return results.problems().isEmpty();
    }
}
