package io.callcontrol.it;

import io.callcontrol.testbed.PostgresServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link CallScenariosIT}'s scenarios, every one, with the daemon's store on a real PostgreSQL. */
@ExtendWith(PostgresServer.class)
class CallScenariosPostgresIT extends CallScenariosIT {

    /**
     * Runs after {@link WithDaemon#startDaemon} (JUnit runs a superclass's static @BeforeAll first, even when a
     * subclass declares its own of the same name): replaces its daemon by the same one on a fresh PostgreSQL store.
     */
    @BeforeAll
    static void onPostgresql() throws Exception {
        daemon.close();
        daemon = new RunningDaemon(data, Map.of("storage.url", PostgresServer.freshStoreUrl(),
                "storage.username", PostgresServer.USER, "storage.password", PostgresServer.PASSWORD));
        Calls.awaitAmi(daemon);
    }
}
