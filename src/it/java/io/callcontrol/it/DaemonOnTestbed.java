package io.callcontrol.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One daemon in this JVM (fresh store, its config given by the test class) on the real testbed for a test class,
 * ready for calls before the first test:
 * {@code @RegisterExtension static final DaemonOnTestbed DAEMON = new DaemonOnTestbed(Map.of(...));} after
 * {@code @ExtendWith(AsteriskTestbed.class)}, which starts the testbed first.
 */
final class DaemonOnTestbed implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> overrides;
    private Path data;
    private RunningDaemon daemon;

    DaemonOnTestbed(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("callcontrol-it");
        daemon = new RunningDaemon(data, overrides);
        Calls.awaitAmi(daemon);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        if (data != null) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    RunningDaemon daemon() {
        return daemon;
    }

    /** The daemon's HTTP port. */
    int port() {
        return Integer.parseInt(daemon.base().substring(daemon.base().lastIndexOf(':') + 1));
    }
}
