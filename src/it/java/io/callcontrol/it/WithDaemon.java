package io.callcontrol.it;

import io.callcontrol.testbed.AsteriskTestbed;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Integration tests that share one daemon (in this JVM, fresh store) on the real testbed for their class. */
@ExtendWith(AsteriskTestbed.class)
abstract class WithDaemon {

    @TempDir
    static Path data;
    static RunningDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = new RunningDaemon(data, Map.of());
        Calls.awaitAmi(daemon);
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }
}
