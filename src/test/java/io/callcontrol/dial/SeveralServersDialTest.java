package io.callcontrol.dial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.Await;
import io.callcontrol.ami.AmiLink;
import io.callcontrol.ami.AmiReplayServer;
import io.callcontrol.config.AmiServerConfig;
import io.callcontrol.config.Config;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.recording.RecordingKeeper;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Database;
import io.callcontrol.storage.SqlHistory;
import io.callcontrol.track.TrackerThread;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** makeCall with two Asterisk servers, one up and one down: only the down server's operators are refused. */
class SeveralServersDialTest {

    @TempDir
    Path dir;
    private final Metrics metrics = new Metrics();
    private Database database;
    private CallStore store;
    private RecordingKeeper recordings;
    private TrackerThread engine;

    @BeforeEach
    void open() {
        Config config = Config.from(Map.of("data.dir", dir.toString(), "recordings.dir", dir.toString()));
        database = Database.open(config.storage());
        store = new CallStore(database, Clock.systemUTC());
        recordings = new RecordingKeeper(config.recordings(), store, List::of, metrics);
        engine = new TrackerThread(store, recordings, 100, metrics);
        engine.start(List.of());
    }

    @AfterEach
    void close() {
        engine.close();
        recordings.close();
        store.close();
        database.close();
        metrics.close();
    }

    @Test
    void aServerDownRefusesOnlyItsOperatorsAndAnOperatorOfNoServerIsInvalid() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort(); // nothing listens there once it is closed: server b is down
        }
        try (AmiReplayServer asterisk = AmiReplayServer.start(List.of(), 1)) {
            Config config = Config.from(Map.of("data.dir", dir.toString(), "ami.servers", "a,b",
                    "ami.a.host", "127.0.0.1", "ami.a.port", Integer.toString(asterisk.port()),
                    "ami.a.secret", "secret-a", "ami.a.operators", "1000-1099",
                    "ami.b.host", "127.0.0.1", "ami.b.port", Integer.toString(closedPort),
                    "ami.b.secret", "secret-b", "ami.b.operators", "2*"));
            List<AmiLink> links = new ArrayList<>();
            for (AmiServerConfig server : config.servers().servers()) {
                links.add(new AmiLink(server.name(), server.ami(), event -> { }, () -> { }, metrics));
            }
            AsteriskServers servers = AsteriskServers.of(config.servers(), links);
            try (AmiDialer dialer = new AmiDialer(config.dial(), store, engine, servers, recordings, metrics,
                    Clock.systemUTC())) {
                links.forEach(AmiLink::start);
                dialer.start();
                Await.until(() -> links.get(0).ready(), Duration.ofSeconds(10), "server a logged in");

                assertThat(dialer.makeCall(CallRequest.of("1000", "380639920000", "order", "on-a")).sip())
                        .isEqualTo("1000");
                assertThatThrownBy(() -> dialer.makeCall(CallRequest.of("2000", "380639920000", "order", "on-b")))
                        .isInstanceOfSatisfying(CallRefusedException.class, e -> assertThat(e.reason())
                                .isEqualTo(CallRefusedException.Reason.ASTERISK_UNAVAILABLE))
                        .hasMessageContaining("Asterisk 'b' is not connected (AMI); no call was placed");
                assertThatThrownBy(() -> dialer.makeCall(CallRequest.of("3000", "380639920000", "order", "on-none")))
                        .isInstanceOfSatisfying(CallRefusedException.class, e -> {
                            assertThat(e.reason()).isEqualTo(CallRefusedException.Reason.INVALID_PARAMETER);
                            assertThat(e.parameter()).isEqualTo("sip");
                        })
                        .hasMessageContaining("operator 3000 is on no Asterisk server");
                assertThat(new SqlHistory(database).call(2)).as("nothing was stored for the refused calls").isEmpty();
                assertThat(dialer.serverOf("2001")).hasValue("b");
                assertThat(dialer.serverOf("1100")).isEmpty();
            } finally {
                links.forEach(AmiLink::close);
            }
        }
    }
}
