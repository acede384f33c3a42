package io.callcontrol.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.Await;
import io.callcontrol.config.Config;
import io.callcontrol.config.StorageConfig;
import io.callcontrol.storage.StoreException;
import io.callcontrol.testbed.PostgresServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The leadership seam on a real PostgreSQL (its advisory locks), and the lone daemon of a SQLite store. */
@ExtendWith(PostgresServer.class)
class LeadershipTest {

    private static final Duration TAKE_OVER = Duration.ofSeconds(5);

    /** What the leadership told: "lead", "follow", and how many whileLeading rounds. */
    private static final class Told implements LeaderWork {
        final List<String> said = new CopyOnWriteArrayList<>();
        volatile int rounds;

        @Override
        public void lead() {
            said.add("lead");
        }

        @Override
        public void follow() {
            said.add("follow");
        }

        @Override
        public void whileLeading() {
            rounds++;
        }
    }

    private final StorageConfig store = Config.from(PostgresServer.freshStoreSettings()).storage();

    @Test
    void aLoneDaemonLeadsFromItsStart() throws Exception {
        Told told = new Told();
        try (Leadership alone = Leadership.alone("a", Clock.systemUTC())) {
            alone.start(told);
            assertThat(alone.leading()).isTrue();
            assertThat(alone.role()).isEqualTo("leader");
            assertThat(told.said).containsExactly("lead");
            Await.until(() -> told.rounds >= 1, TAKE_OVER, "a round of leader work");
        }
    }

    @Test
    void oneOfTwoDaemonsLeadsAndTheOtherTakesOverWhenItStops() throws Exception {
        Told first = new Told();
        Told second = new Told();
        Leadership a = Leadership.shared(store, "a", Clock.systemUTC());
        try (Leadership b = Leadership.shared(store, "b", Clock.systemUTC())) {
            a.start(first);
            b.start(second);
            assertThat(a.leading()).isTrue();
            assertThat(b.leading()).as("the lock is a's").isFalse();
            assertThat(b.role()).isEqualTo("follower");
            Thread.sleep(Leadership.CHECK.toMillis() * 2); // b's checks go on, and find the lock taken
            assertThat(b.leading()).isFalse();
            assertThat(second.said).isEmpty();

            long stopped = System.nanoTime();
            a.close();
            Await.until(b::leading, TAKE_OVER, "b leads after a stopped");
            System.out.printf("took over in %d ms%n", (System.nanoTime() - stopped) / 1_000_000);
            Await.until(() -> !second.said.isEmpty(), TAKE_OVER, "b told to lead");
            assertThat(second.said).containsExactly("lead");
        } finally {
            a.close();
        }
    }

    @Test
    void aLeaderWhoseSessionIsCutOffStopsLeadingAndAnotherTakesOver() throws Exception {
        Told first = new Told();
        Told second = new Told();
        try (Leadership a = Leadership.shared(store, "a", Clock.systemUTC());
                Leadership b = Leadership.shared(store, "b", Clock.systemUTC())) {
            a.start(first);
            b.start(second);
            assertThat(a.leading()).isTrue();

            // the server ends a's session (as when the link to the database breaks): its locks go with it
            PostgresServer.execute(PostgresServer.url(), "SELECT pg_terminate_backend(" + a.sessionPid() + ")");

            Await.until(() -> first.said.contains("follow"), TAKE_OVER, "a stops its leader work");
            Await.until(b::leading, TAKE_OVER, "b leads");
            assertThat(a.leading()).as("never two leaders").isFalse();
            Await.until(() -> !second.said.isEmpty(), TAKE_OVER, "b told to lead");
            assertThat(second.said).containsExactly("lead");
        }
    }

    @Test
    void aSecondDaemonOfTheSameNameIsRefused() {
        try (Leadership a = Leadership.shared(store, "same", Clock.systemUTC())) {
            assertThatThrownBy(() -> DaemonSession.open(store, "same", Duration.ofMillis(500)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("daemon.name: another running daemon is named 'same'");
            DaemonSession.open(store, "other", Duration.ZERO).close();
        }
    }
}
