package io.callcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.ami.AmiReplayServer;
import io.callcontrol.config.Config;
import io.callcontrol.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** log.file: a real rolling file beside stdout, with the call's MDC on its lines, and no secret in it. */
class LogsTest {

    @TempDir
    Path dir;

    @AfterEach
    void backToStdoutOnly() {
        Logs.apply(Config.from(Map.of()).log());
    }

    @Test
    void theFileGetsEveryLineWithItsCallAndRollsAtItsSize() throws Exception {
        Path file = dir.resolve("logs/callcontrol.log");
        Logs.apply(Config.from(Map.of("log.file", file.toString(), "log.file.max.size", "2KB")).log());
        Logger log = LoggerFactory.getLogger("io.callcontrol.track.TrackerThread");

        MDC.put("call_id", "42");
        MDC.put("order_id", "15");
        try {
            for (int i = 0; i < 100; i++) {
                log.info("call 42 order 15: line {}", i);
            }
        } finally {
            MDC.clear();
        }
        log.info("a line about no call");
        Logs.close();
        Written written = awaitWritten(file, 100);

        List<String> lines = written.lines();
        List<String> callLines = lines.stream().filter(l -> l.contains("call 42 order 15: line ")).toList();
        assertThat(callLines).hasSize(100).allSatisfy(line -> assertThat(line)
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}([+-]\\d\\d:\\d\\d|Z) INFO  \\[.+] "
                        + "i\\.c\\.t\\.TrackerThread .*- call 42 order 15: line \\d+")
                .contains("call_id=42").contains("order_id=15"));
        assertThat(callLines.get(0)).endsWith("line 0");
        assertThat(callLines.get(99)).endsWith("line 99");
        assertThat(lines.get(lines.size() - 1)).endsWith("TrackerThread  - a line about no call");
        assertThat(written.rolled()).isNotEmpty().allSatisfy(archive -> assertThat(archive.getFileName().toString())
                .matches("callcontrol\\.log\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+\\.gz"));
    }

    @Test
    void aFileThatCannotBeWrittenStopsTheStartNamingTheKey() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");

        assertThatThrownBy(() -> Logs.apply(Config.from(Map.of("log.file",
                notAFolder.resolve("callcontrol.log").toString())).log()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("log.file: cannot write");
    }

    /** The daemon at debug level, logged in to AMI with a secret, keys and a store password configured. */
    @Test
    void theDaemonsFileHasItsLinesButNoSecret() throws Exception {
        Path file = dir.resolve("callcontrol.log");
        String amiSecret = "ami-secret-5f2b9c";
        String apiSecret = "api-secret-0123456789abcdef";
        String storePassword = "store-password-77aa";
        String webhookSecret = "webhook-secret-3c41d0";
        try (AmiReplayServer ami = AmiReplayServer.start(List.of(), 1);
             Daemon daemon = Daemon.start(Config.from(Map.ofEntries(
                     Map.entry("log.file", file.toString()),
                     Map.entry("log.level", "debug"),
                     Map.entry("data.dir", dir.resolve("data").toString()),
                     Map.entry("ami.port", Integer.toString(ami.port())),
                     Map.entry("ami.secret", amiSecret),
                     Map.entry("http.api.keys", "crm:" + apiSecret),
                     Map.entry("storage.password", storePassword),
                     Map.entry("webhook.urls", "http://127.0.0.1:9/hook"),
                     Map.entry("webhook.secret", webhookSecret),
                     Map.entry("http.port", "0"),
                     Map.entry("agi.port", "0"))), Clock.systemUTC())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!daemon.amiConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(daemon.amiConnected()).isTrue();
        }

        String log = Files.readString(file);
        assertThat(log).contains("HTTP API listening", "AMI: connected", "callcontrol stopped")
                .doesNotContain(amiSecret).doesNotContain(apiSecret).doesNotContain(storePassword)
                .doesNotContain(webhookSecret);
        // webhooks without http.public.url: their recording links may be unreachable, and the admin is told
        assertThat(log).containsPattern("WARN .*webhooks: recording links point at http://127\\.0\\.0\\.1:\\d+, .*"
                + "set http\\.public\\.url");
    }

    /** The rolled files, oldest first, and every line of them and of the file itself, in order. */
    private record Written(List<Path> rolled, List<String> lines) {
    }

    /**
     * What the log holds once {@code callLines} lines about call 42 are in it, rolled or not (bounded: each rolled
     * file is compressed in the background, from a {@code .tmp} file).
     */
    private static Written awaitWritten(Path file, int callLines) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Written written = null;
        List<Path> all = List.of();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(file.getParent())) {
                all = files.toList();
            }
            List<Path> rolled = all.stream().filter(f -> f.getFileName().toString().endsWith(".gz"))
                    .sorted(Comparator.comparing(LogsTest::rollDate).thenComparingInt(LogsTest::rollIndex))
                    .toList();
            try {
                List<String> lines = new ArrayList<>();
                for (Path archive : rolled) {
                    lines.addAll(gunzip(archive));
                }
                lines.addAll(Files.readAllLines(file));
                written = new Written(rolled, lines);
                if (lines.stream().filter(l -> l.contains("call 42 order 15: line ")).count() == callLines) {
                    return written;
                }
            } catch (IOException stillBeingCompressed) {
                // read again
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the log beside " + file + " did not get its " + callLines + " lines in 10 s; "
                + "files: " + all + "; lines: " + (written == null ? "unreadable" : written.lines()));
    }

    /** The date of callcontrol.log.2026-03-01.4.gz; rolled files sort by it, then by the number after it. */
    private static String rollDate(Path archive) {
        String[] parts = archive.getFileName().toString().split("\\.");
        return parts[parts.length - 3];
    }

    private static int rollIndex(Path archive) {
        String[] parts = archive.getFileName().toString().split("\\.");
        return Integer.parseInt(parts[parts.length - 2]);
    }

    private static List<String> gunzip(Path archive) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
