package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.callcontrol.config.Config;
import io.callcontrol.config.StorageConfig;
import io.callcontrol.testbed.PostgresServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What only PostgreSQL has: one daemon per store, credentials in the URL, and no password in any message. */
@ExtendWith(PostgresServer.class)
class PostgresStoreTest {

    @TempDir
    Path dir;

    @Test
    void aSecondDaemonOnTheSameStoreIsRefusedAndTheFirstKeepsWorking() {
        try (TestStore t = TestStore.open(StoreKind.POSTGRESQL, dir)) {
            assertThatThrownBy(() -> Database.open(TestStore.config(StoreKind.POSTGRESQL, dir)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("another callcontrol daemon uses this PostgreSQL store");
            assertThat(t.call("key-1", "order-1").callId()).isEqualTo(1);
        }
        try (TestStore again = TestStore.open(StoreKind.POSTGRESQL, dir)) {
            assertThat(again.history.call(1)).as("the lock went with the first daemon").isPresent();
        }
    }

    @Test
    void credentialsInsideTheUrlAreUsedAndNotShown() {
        String url = PostgresServer.freshStoreUrl().replace("jdbc:postgresql://",
                "jdbc:postgresql://" + PostgresServer.USER + ":" + PostgresServer.PASSWORD + "@");
        StorageConfig config = Config.from(Map.of("storage.url", url)).storage();
        assertThat(config.toString()).doesNotContain(PostgresServer.PASSWORD);
        try (Database database = Database.open(config); CallStore store = new CallStore(database, java.time.Clock.systemUTC())) {
            assertThat(new SqlHistory(database).callsInProgress()).isEmpty();
        }
    }

    @Test
    void aWrongPasswordInTheUrlIsNotRepeatedInTheError() {
        String secret = "wrong-secret-31337";
        String url = PostgresServer.url() + "?user=" + PostgresServer.USER + "&password=" + secret;
        Throwable failure = catchThrowable(() -> Database.open(Config.from(Map.of("storage.url", url)).storage()));
        assertThat(failure).isInstanceOf(StoreException.class).hasMessageContaining("password=***");
        assertNoSecret(failure, secret);
    }

    @Test
    void aWrongStoragePasswordIsNotRepeatedInTheError() {
        String secret = "wrong-secret-4242";
        Throwable failure = catchThrowable(() -> Database.open(Config.from(Map.of("storage.url", PostgresServer.url(),
                "storage.username", PostgresServer.USER, "storage.password", secret)).storage()));
        assertThat(failure).isInstanceOf(StoreException.class).hasMessageContaining("password authentication failed");
        assertNoSecret(failure, secret);
    }

    private static void assertNoSecret(Throwable failure, String secret) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
        }
    }
}
