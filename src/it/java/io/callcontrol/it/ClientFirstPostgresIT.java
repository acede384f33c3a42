package io.callcontrol.it;

import io.callcontrol.testbed.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ClientFirstIT}: client-first calls, with the daemon's store on a real PostgreSQL. */
@ExtendWith(PostgresServer.class)
class ClientFirstPostgresIT extends ClientFirstIT {

    /**
     * Runs after {@link WithDaemon#startDaemon} (JUnit runs a superclass's static @BeforeAll first, even when a
     * subclass declares its own of the same name): replaces its daemon by the same one on a fresh PostgreSQL store.
     */
    @BeforeAll
    static void onPostgresql() throws Exception {
        daemon.close();
        daemon = new RunningDaemon(data, PostgresServer.freshStoreSettings());
        Calls.awaitAmi(daemon);
    }
}
