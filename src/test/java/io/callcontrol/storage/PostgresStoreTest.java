package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.FirstParty;
import io.callcontrol.config.Config;
import io.callcontrol.config.StorageConfig;
import io.callcontrol.testbed.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What only PostgreSQL has: several daemons on one store, credentials in the URL, and no password in any message. */
@ExtendWith(PostgresServer.class)
class PostgresStoreTest {

    @TempDir
    Path dir;

    @Test
    void twoDaemonsCreatingCallsAtOnceGetDistinctIdsAndLoseNone() throws Exception {
        try (Database one = Database.open(TestStore.config(StoreKind.POSTGRESQL, dir));
                Database two = Database.open(TestStore.config(StoreKind.POSTGRESQL, dir));
                CallStore a = new CallStore(one, Clock.tickMillis(ZoneOffset.UTC), "a");
                CallStore b = new CallStore(two, Clock.tickMillis(ZoneOffset.UTC), "b")) {
            List<CompletableFuture<CallRecord>> made = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                made.add(create(a, "a-" + i));
                made.add(create(b, "b-" + i));
            }
            List<Long> ids = new ArrayList<>();
            for (CompletableFuture<CallRecord> call : made) {
                ids.add(call.get(30, TimeUnit.SECONDS).callId());
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(800);
            assertThat(new SqlHistory(one).callsInProgress()).hasSize(800);
        }
    }

    @Test
    void twoDaemonsStartingAtOnceOnANewStoreBothOpenIt() throws Exception {
        StorageConfig config = TestStore.config(StoreKind.POSTGRESQL, dir);
        List<CompletableFuture<Database>> opening = List.of(CompletableFuture.supplyAsync(() -> Database.open(config)),
                CompletableFuture.supplyAsync(() -> Database.open(config)));
        for (CompletableFuture<Database> open : opening) {
            try (Database database = open.get(60, TimeUnit.SECONDS)) {
                assertThat(new SqlHistory(database).callsInProgress()).isEmpty();
            }
        }
    }

    @Test
    void aRunningDaemonKeepsItsCallsAndLosesThemWhenItsSessionEnds() throws Exception {
        try (Database database = Database.open(TestStore.config(StoreKind.POSTGRESQL, dir));
                CallStore a = new CallStore(database, Clock.tickMillis(ZoneOffset.UTC), "a");
                CallStore b = new CallStore(database, Clock.tickMillis(ZoneOffset.UTC), "b")) {
            CallRecord open = create(b, "k1").join();
            DaemonCalls calls = new DaemonCalls(database, a);
            try (Connection running = TestStore.connect(StoreKind.POSTGRESQL, dir);
                    PreparedStatement lock = running.prepareStatement("SELECT pg_advisory_lock("
                            + DaemonCalls.LOCK_CLASS + ", " + DaemonCalls.NAME_KEY + ")")) {
                lock.setString(1, "b");
                lock.execute();
                assertThat(calls.adopt("b", Duration.ofSeconds(10)).join()).as("b holds its lock: it runs").isEmpty();
                assertThat(calls.inProgress("b")).containsExactly(open);
            }
            assertThat(calls.adopt("b", Duration.ofSeconds(10)).join()).as("b's session ended").contains(List.of(open));
            assertThat(calls.inProgress("a")).containsExactly(open);
        }
    }

    private static CompletableFuture<CallRecord> create(CallStore store, String key) {
        return store.createCall("201", "+79001234567", "order-1", key, FirstParty.OPERATOR, Duration.ofSeconds(20));
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
