package io.callcontrol.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How a benchmark run is made.
 *
 * @param smoke   tiny sizes: checks that every benchmark works and its results are right, measures nothing
 * @param jar     the daemon's runnable jar (target/callcontrol.jar)
 * @param out     where results, logs and stores of this run go
 * @param profile record a JFR profile of every daemon process (daemon.jfr beside its log)
 * @param cache   where generated data kept between runs lives (the 10 million status store)
 * @param store   the store of this run of a suite that runs on either ({@link Bench#SUITES}); SQLite for the others
 */
record BenchOptions(boolean smoke, Path jar, Path out, boolean profile, Path cache, BenchStore store) {

    /** The same run on another store. */
    BenchOptions on(BenchStore other) {
        return new BenchOptions(smoke, jar, out, profile, cache, other);
    }

    /**
     * JVM options for a daemon process whose files go to {@code dir}: those of the system property
     * {@code bench.daemon.jvm} (to compare, say, two garbage collectors), and a flight recording when profiling.
     */
    List<String> daemonJvmOptions(Path dir) {
        List<String> options = new ArrayList<>();
        String extra = System.getProperty("bench.daemon.jvm", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        if (profile) {
            options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + dir.resolve("daemon.jfr"));
        }
        return options;
    }

    /** An empty folder for one benchmark's files (its store, the daemon's log): what a former run left is removed. */
    Path freshDir(String name) throws IOException {
        Path dir = out.resolve(name + store.fileSuffix);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /** {@code full} in a measuring run, {@code tiny} in a smoke run. */
    int size(int full, int tiny) {
        return smoke ? tiny : full;
    }
}
