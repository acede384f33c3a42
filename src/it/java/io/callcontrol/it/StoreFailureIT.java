package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.storage.StoreException;
import io.callcontrol.testbed.AmiProbe;
import io.callcontrol.testbed.AsteriskTestbed;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a small tmpfs that fills up (makeCall refuses, no call placed), then is read-only (the daemon
 * refuses to start), then is writable again (it works).
 */
@ExtendWith(AsteriskTestbed.class)
class StoreFailureIT {

    @TempDir
    Path mountPoint;

    @Test
    void aFullOrReadOnlyStoreRefusesMakeCallLoudlyAndAsteriskSeesNoCall() throws Exception {
        run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint.toString());
        Path data = mountPoint.resolve("data");
        try {
            long before;
            try (RunningDaemon daemon = new RunningDaemon(data, Map.of()); AmiProbe ami = new AmiProbe()) {
                Calls.awaitAmi(daemon);
                before = Calls.make(daemon, "1001", "380639920000", "before-full");
                Calls.awaitEnd(daemon, before, Duration.ofSeconds(20));
                // the probe's own session may hear of that call a moment after the daemon did
                ami.await(NewChannelEvent.class, e -> e.getUniqueId().startsWith("cc-" + before + "-"),
                        Duration.ofSeconds(10));
                int seen = ami.seen(NewChannelEvent.class, e -> true).size();

                emptyWal(data.resolve("callcontrol.db"));
                fill(mountPoint.resolve("filler"));
                assertRefused(makeCall(daemon, "full"));
                RunningDaemon.Reply health = daemon.get("/health", Map.of());
                assertThat(health.status()).as(health.body()).isEqualTo(503);
                assertThat(health.json().get("store_writable").asBoolean()).isFalse();
                assertThat(health.json().get("store_error").asText()).isNotEmpty();
                assertThat(ami.seen(NewChannelEvent.class, e -> true)).as("Asterisk saw a call").hasSize(seen);
                Files.delete(mountPoint.resolve("filler"));
            }

            // a read-only file system: SQLite cannot even open a WAL store there, so the daemon refuses to start
            run("mount", "-o", "remount,ro", mountPoint.toString());
            assertThatThrownBy(() -> new RunningDaemon(data, Map.of()).close())
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("storage.url: cannot open the store");

            run("mount", "-o", "remount,rw", mountPoint.toString());
            try (RunningDaemon daemon = new RunningDaemon(data, Map.of())) {
                Calls.awaitAmi(daemon);
                long after = Calls.make(daemon, "1001", "380639920000", "after");
                assertThat(Calls.awaitEnd(daemon, after, Duration.ofSeconds(20)).get("status").asText())
                        .isEqualTo("OPERATOR_BUSY");
            }
        } finally {
            run("umount", "-l", mountPoint.toString());
        }
    }

    private static void assertRefused(RunningDaemon.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("store_unavailable");
        assertThat(reply.json().get("error").get("message").asText()).contains("not placed");
    }

    private static RunningDaemon.Reply makeCall(RunningDaemon daemon, String order) throws Exception {
        return daemon.api("makeCall", Map.of("sip", "1000", "phone", "380639920000", "order_id", order,
                "external_key", "s-" + UUID.randomUUID()));
    }

    /**
     * Checkpoints the store's WAL and truncates it to nothing, as the daemon's own checkpoints may at any moment.
     * Otherwise a write after a checkpoint can go into the WAL's old pages and need no new space: on a full disk it
     * would rightly succeed, and this test would not see the store fail.
     */
    private static void emptyWal(Path store) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
                Statement checkpoint = c.createStatement()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try (ResultSet rs = checkpoint.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    if (rs.next() && rs.getInt(1) == 0) { // not busy: done
                        break;
                    }
                }
                assertThat(System.nanoTime()).as("the WAL checkpointed and truncated in 10 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        assertThat(Files.size(Path.of(store + "-wal"))).isZero();
    }

    /** Writes zeros until the file system says it is full. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }
}
