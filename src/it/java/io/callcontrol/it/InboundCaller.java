package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A caller from the carrier's trunk (scripts/testbed/sipp/inbound-caller*.xml): one sipp UAC call into a DID of the
 * testbed's [testbed-inbound], started by the test and waited for.
 */
final class InboundCaller implements AutoCloseable {

    private static final Path SIPP = Path.of(System.getProperty("callcontrol.repo", ".")).toAbsolutePath()
            .resolve("scripts/testbed/sipp");
    /** Loopback ports no testbed phone uses. */
    private static final int SIP_PORT = 5095;
    private static final int MEDIA_PORT = 30950;

    private final Process process;
    private final Path log;

    /**
     * @param scenario {@code inbound-caller} (talks {@code millis} if answered) or {@code inbound-caller-cancel}
     *                 (gives up after {@code millis} of ringing)
     */
    InboundCaller(String scenario, String did, String caller, long millis) throws Exception {
        log = Files.createTempFile("inbound-caller", ".log");
        process = new ProcessBuilder("sipp", "127.0.0.1:5060", "-sf", SIPP.resolve(scenario + ".xml").toString(),
                "-s", did, "-key", "caller", caller, "-d", Long.toString(millis), "-m", "1",
                "-i", "127.0.0.1", "-p", Integer.toString(SIP_PORT), "-mi", "127.0.0.1",
                "-mp", Integer.toString(MEDIA_PORT), "-nostdin", "-timeout", "60s", "-timeout_error",
                "-trace_err", "-error_file", log.toString() + ".err")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for the call's end: its scenario must have run to the end. */
    void awaitDone() throws Exception {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("sipp caller finished").isTrue();
        File errors = new File(log + ".err");
        assertThat(process.exitValue()).as("sipp caller: %s%s", Files.readString(log).lines()
                .filter(l -> !l.isBlank()).reduce("", (a, b) -> a.length() > 2000 ? a : a + "\n" + b),
                errors.exists() ? Files.readString(errors.toPath()) : "").isZero();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
        Files.deleteIfExists(Path.of(log + ".err"));
    }
}
