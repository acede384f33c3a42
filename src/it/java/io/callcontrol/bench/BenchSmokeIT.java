package io.callcontrol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.testbed.AsteriskTestbed;
import io.callcontrol.testbed.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every benchmark of scripts/bench in its tiny (smoke) version, against the packaged jar and the real Asterisk
 * testbed (ingest, history and makeCall on SQLite and on the run's real PostgreSQL): they must run and their
 * results must be right (no status lost, doubled or wrong; every answer as generated). Times are printed, never
 * asserted: CI machines are too noisy for that.
 */
@ExtendWith({AsteriskTestbed.class, AsteriskTestbed.Second.class, PostgresServer.class})
class BenchSmokeIT {

    @TempDir
    static Path out;
    static BenchOptions options;

    @BeforeAll
    static void options() {
        options = new BenchOptions(true, Path.of(System.getProperty("callcontrol.jar", "target/callcontrol.jar"))
                .toAbsolutePath(), out, false, out.resolve("cache"), BenchStore.SQLITE);
    }

    @Test
    void amiIngestStoresEveryRecordedChainExactly() throws Exception {
        assertThat(IngestBench.run(options).problems()).isEmpty();
    }

    @Test
    void amiIngestOnPostgresqlStoresEveryRecordedChainExactly() throws Exception {
        assertThat(IngestBench.run(options.on(BenchStore.POSTGRESQL)).problems()).isEmpty();
    }

    @Test
    void historyApiAnswersMatchTheGeneratedStore() throws Exception {
        assertThat(HistoryBench.run(options).problems()).isEmpty();
    }

    @Test
    void historyApiOnPostgresqlAnswersMatchTheGeneratedStore() throws Exception {
        assertThat(HistoryBench.run(options.on(BenchStore.POSTGRESQL)).problems()).isEmpty();
    }

    @Test
    void everyMakeCallReachesAsteriskOnce() throws Exception {
        assertThat(MakeCallBench.run(options).problems()).isEmpty();
    }

    @Test
    void everyMakeCallOnPostgresqlReachesAsteriskOnce() throws Exception {
        assertThat(MakeCallBench.run(options.on(BenchStore.POSTGRESQL)).problems()).isEmpty();
    }

    @Test
    void realCallsThroughTheTestbedAllFinish() throws Exception {
        assertThat(RealCallsBench.run(options).problems()).isEmpty();
    }

    @Test
    void mixedRealCallsThroughTheTestbedEachEndAsTheirPhonesImply() throws Exception {
        assertThat(RealCallsBench.runMixed(options).problems()).isEmpty();
    }

    @Test
    void realCallsThroughTwoAsteriskServersAllFinish() throws Exception {
        assertThat(RealCallsBench.runTwoServers(options).problems()).isEmpty();
    }

    @Test
    void callStatsMatchesTheGeneratedStore() throws Exception {
        assertThat(StatsBench.run(options).problems()).isEmpty();
    }

    @Test
    void daemonStartsAndIdles() throws Exception {
        assertThat(StartupBench.run(options).problems()).isEmpty();
    }
}
