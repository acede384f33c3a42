package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Operator 1005's phone, the testbed's one operator that registers itself (scripts/testbed/etc/pjsip.conf): a sipp
 * REGISTER from its own loopback port (scripts/testbed/sipp/register.xml) puts it online, the same REGISTER with
 * Expires: 0 (unregister.xml) takes it offline again. Each is one sipp run, waited for and checked; closing
 * unregisters.
 */
final class OperatorRegistration implements AutoCloseable {

    /** The operator no other test uses. */
    static final String SIP = "1005";

    private static final Path SIPP = Path.of(System.getProperty("callcontrol.repo", ".")).toAbsolutePath()
            .resolve("scripts/testbed/sipp");
    /** Loopback ports no testbed phone uses; the contact registered is sip:1005@127.0.0.1:5078. */
    private static final int SIP_PORT = 5078;
    private static final int MEDIA_PORT = 30780;

    private boolean registered;

    private OperatorRegistration() {
    }

    /** Registers operator 1005's contact; Asterisk has answered 200 with it when this returns. */
    static OperatorRegistration register() throws Exception {
        run("register");
        OperatorRegistration registration = new OperatorRegistration();
        registration.registered = true;
        return registration;
    }

    /**
     * Removes operator 1005's contact, whoever registered it (Asterisk keeps registrations across its restarts, so a
     * test that checks presence starts here); harmless when there is none.
     */
    static void unregister() throws Exception {
        run("unregister");
    }

    /** Unregisters (once). */
    @Override
    public void close() throws Exception {
        if (registered) {
            registered = false;
            unregister();
        }
    }

    private static void run(String scenario) throws Exception {
        Path log = Files.createTempFile(scenario, ".log");
        Path errors = Path.of(log + ".err");
        try {
            Process sipp = new ProcessBuilder("sipp", "127.0.0.1:5060", "-sf", SIPP.resolve(scenario + ".xml").toString(),
                    "-s", SIP, "-m", "1", "-i", "127.0.0.1", "-p", Integer.toString(SIP_PORT), "-mi", "127.0.0.1",
                    "-mp", Integer.toString(MEDIA_PORT), "-nostdin", "-timeout", "15s", "-timeout_error",
                    "-trace_err", "-error_file", errors.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!sipp.waitFor(30, TimeUnit.SECONDS)) {
                sipp.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("sipp " + scenario + " of " + SIP + " did not finish in 30 s");
            }
            assertThat(sipp.exitValue()).as("sipp %s of %s: %s%s", scenario, SIP, tail(log),
                    Files.exists(errors) ? Files.readString(errors) : "").isZero();
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(errors);
        }
    }

    private static String tail(Path log) throws Exception {
        String text = Files.readString(log);
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }
}
