package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.testbed.AmiProbe;
import io.callcontrol.testbed.AsteriskTestbed;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The store on a small tmpfs that fills up, then turns read-only: makeCall refuses, and no call is placed. */
@ExtendWith(AsteriskTestbed.class)
class StoreFailureIT {

    @TempDir
    Path mountPoint;

    @Test
    void aFullOrReadOnlyStoreRefusesMakeCallLoudlyAndAsteriskSeesNoCall() throws Exception {
        run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint.toString());
        try (RunningDaemon daemon = new RunningDaemon(mountPoint.resolve("data"), Map.of())) {
            Calls.awaitAmi(daemon);
            Calls.awaitEnd(daemon, Calls.make(daemon, "1001", "380639920000", "before-full"), Duration.ofSeconds(20));

            fill(mountPoint.resolve("filler"));
            try (AmiProbe ami = new AmiProbe()) {
                RunningDaemon.Reply full = makeCall(daemon, "full");
                assertThat(full.status()).as(full.body()).isEqualTo(503);
                assertThat(full.json().get("error").get("code").asText()).isEqualTo("store_unavailable");
                assertThat(full.json().get("error").get("message").asText()).contains("not placed");

                Files.delete(mountPoint.resolve("filler"));
                run("mount", "-o", "remount,ro", mountPoint.toString());
                RunningDaemon.Reply readOnly = makeCall(daemon, "read-only");
                assertThat(readOnly.status()).as(readOnly.body()).isEqualTo(503);
                assertThat(readOnly.json().get("error").get("code").asText()).isEqualTo("store_unavailable");
                assertThat(ami.seen(NewChannelEvent.class, e -> true)).as("Asterisk saw a call").isEmpty();
            }

            run("mount", "-o", "remount,rw", mountPoint.toString());
            long recovered = Calls.make(daemon, "1001", "380639920000", "after");
            assertThat(Calls.awaitEnd(daemon, recovered, Duration.ofSeconds(20)).get("status").asText())
                    .isEqualTo("OPERATOR_BUSY");
        } finally {
            run("umount", "-l", mountPoint.toString());
        }
    }

    private static RunningDaemon.Reply makeCall(RunningDaemon daemon, String order) throws Exception {
        return daemon.api("makeCall", Map.of("sip", "1000", "phone", "380639920000", "order_id", order,
                "external_key", "s-" + UUID.randomUUID()));
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
