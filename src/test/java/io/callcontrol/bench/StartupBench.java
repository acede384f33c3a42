package io.callcontrol.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 5, start and idle. The daemon's jar is started (its own process, -Xmx256m, empty store, AMI peer
 * {@link FakeAsterisk}) a few times; the time from the process start to its API's first 200 is the startup; then
 * it is left alone and its RSS read.
 */
final class StartupBench {

    private static final double TARGET_RSS_MIB = 300;

    private StartupBench() {
    }

    static Results run(BenchOptions options) throws Exception {
        Results results = new Results("5 startup and idle");
        int starts = options.size(3, 1);
        Duration idle = Duration.ofSeconds(options.size(15, 1));
        Path dir = options.freshDir("startup");
        List<Long> millis = new ArrayList<>();
        long idleRss = 0;
        long idlePeak = 0;
        try (FakeAsterisk ami = FakeAsterisk.start()) {
            for (int i = 0; i < starts; i++) {
                Path run = dir.resolve("run-" + i);
                try (DaemonProcess daemon = DaemonProcess.start(options, run, Map.of(
                        "data.dir", run.resolve("data").toString(), "ami.port", Integer.toString(ami.port()),
                        "agi.port", Integer.toString(DaemonProcess.freePort()),
                        "recordings.dir", Files.createDirectories(run.resolve("recordings")).toString()),
                        options.daemonJvmOptions(run))) {
                    millis.add(daemon.startupToServing().toMillis());
                    ami.awaitClient(Duration.ofSeconds(30));
                    if (i == starts - 1) {
                        Thread.sleep(idle.toMillis());
                        idleRss = daemon.rssKib();
                        idlePeak = daemon.peakRssKib();
                        if (new Api(daemon.base()).get("sipList", Map.of()).status() != 200) {
                            results.problem("the idle daemon did not answer sipList");
                        }
                    }
                }
            }
        }
        results.info("process start → first API answer (empty store, " + starts + " starts)",
                millis.stream().map(m -> m + " ms").toList().toString().replaceAll("[\\[\\]]", ""));
        results.figure("RSS at idle, " + idle.toSeconds() + " s after serving (-Xmx256m)",
                Results.format(idleRss / 1024.0, 0) + " MiB (peak so far " + Results.format(idlePeak / 1024.0, 0)
                        + " MiB)", "< " + Results.format(TARGET_RSS_MIB, 0) + " MiB",
                options.smoke() ? Figure.Verdict.INFO : Figure.atMost(idleRss / 1024.0, TARGET_RSS_MIB));
        results.correctness("the daemon started and answered every time");
        return results;
    }
}
