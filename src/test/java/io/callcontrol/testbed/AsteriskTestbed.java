package io.callcontrol.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Brings the real Asterisk testbed ({@code scripts/asterisk-testbed}) up once per test run and down after
 * the last test. If it cannot come up, every test using it fails with the script's own words: an
 * integration test never passes or skips without a real Asterisk.
 */
public final class AsteriskTestbed implements BeforeAllCallback {

    public static final String AMI_HOST = "127.0.0.1";
    public static final int AMI_PORT = 5038;
    /** The second Asterisk's AMI ({@link #startSecond}): its operators are 2000 (answers), 2001 (busy), 2002 (rings). */
    public static final int SECOND_AMI_PORT = 5039;
    /** The dialplan reaches the daemon's FastAGI server here (extensions_callcontrol.conf). */
    public static final int AGI_PORT = 4573;

    private static final Path REPO = Path.of(System.getProperty("callcontrol.repo", ".")).toAbsolutePath();

    /**
     * Up once per run; and before each test class, no call of an earlier class is left in Asterisk: a call still
     * ringing or talking would run its dialplan hooks against this class's daemon (one FastAGI port for all).
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
        hangUpLeftovers();
    }

    private static void hangUpLeftovers() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cli("core show channels count").matches("(?s)(.*\\n)?0 active channels.*")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Asterisk still has an earlier test's channels after 10 s: "
                        + cli("core show channels concise"));
            }
            cli("channel request hangup all");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Where MixMonitor's files appear, as this host sees them. */
    public static Path recordingsDir() {
        String cache = System.getenv().getOrDefault("ASTERISK_TESTBED_DIR", "/var/lib/callcontrol-testbed");
        return Path.of(cache, "sid", "var", "spool", "asterisk", "monitor");
    }

    /** What a sipp phone of the testbed logged (its scenario's log actions), e.g. {@code dtmf}; empty before any. */
    public static String phoneLog(String phone) throws IOException {
        String cache = System.getenv().getOrDefault("ASTERISK_TESTBED_DIR", "/var/lib/callcontrol-testbed");
        Path log = Path.of(cache, "run", phone + "-logs.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    public static String cli(String command) {
        String cache = System.getenv().getOrDefault("ASTERISK_TESTBED_DIR", "/var/lib/callcontrol-testbed");
        return run(600, "chroot", cache + "/sid", "/usr/sbin/asterisk", "-rx", command);
    }

    /** Restarts Asterisk only (the phones stay): gracefully, or by kill -9 first. */
    public static void restartAsterisk(boolean kill) {
        if (kill) {
            run(120, REPO.resolve("scripts/asterisk-testbed").toString(), "restart", "--kill");
        } else {
            run(120, REPO.resolve("scripts/asterisk-testbed").toString(), "restart");
        }
    }

    /** Kills Asterisk (-9) and leaves it down; {@link #restartAsterisk} brings it back. */
    public static void killAsterisk() {
        String cache = System.getenv().getOrDefault("ASTERISK_TESTBED_DIR", "/var/lib/callcontrol-testbed");
        try {
            long pid = Long.parseLong(Files.readString(Path.of(cache, "sid", "run", "asterisk", "asterisk.pid")).trim());
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        } catch (IOException e) {
            throw new IllegalStateException("no Asterisk pid file", e);
        }
    }

    /**
     * Brings up the second Asterisk (its own process, folders, ports and operator phones) once per run, for the tests
     * that ask for it; it goes down after the last test, before the first one.
     */
    public static void startSecond(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningSecond.class, key -> {
                    run(300, REPO.resolve("scripts/asterisk-testbed").toString(), "up2");
                    return new RunningSecond();
                }, RunningSecond.class);
    }

    /** For the tests that need the second Asterisk: {@code @ExtendWith({AsteriskTestbed.class, Second.class})}. */
    public static final class Second implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            startSecond(context);
        }
    }

    /** Kills the second Asterisk (-9) and leaves it down; {@link #restartSecond} brings it back. */
    public static void killSecond() {
        String cache = System.getenv().getOrDefault("ASTERISK_TESTBED_DIR", "/var/lib/callcontrol-testbed");
        try {
            long pid = Long.parseLong(Files.readString(Path.of(cache, "sid", "run", "asterisk2", "asterisk.pid")).trim());
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        } catch (IOException e) {
            throw new IllegalStateException("no pid file of the second Asterisk", e);
        }
    }

    /** Starts the second Asterisk again (its phones stay). */
    public static void restartSecond() {
        run(120, REPO.resolve("scripts/asterisk-testbed").toString(), "restart2");
    }

    private static Running start() {
        run(900, REPO.resolve("scripts/asterisk-testbed").toString(), "up");
        return new Running();
    }

    private static String run(int timeoutSeconds, String... command) {
        try {
            Path log = Files.createTempFile("testbed", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            if (!done) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "); the integration tests need root and the Asterisk testbed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Closed by JUnit after the last test of the run. */
    private static final class RunningSecond implements AutoCloseable {
        @Override
        public void close() {
            run(120, REPO.resolve("scripts/asterisk-testbed").toString(), "down2");
        }
    }

    /** Closed by JUnit after the last test of the run. */
    private static final class Running implements AutoCloseable {
        @Override
        public void close() {
            run(120, REPO.resolve("scripts/asterisk-testbed").toString(), "down");
        }
    }
}
