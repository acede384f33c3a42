package io.callcontrol.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.Await;
import io.callcontrol.config.Config;
import io.callcontrol.http.LogCapture;
import io.callcontrol.metrics.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.action.PingAction;
import org.junit.jupiter.api.Test;

/**
 * A session is ready for new calls once Asterisk says FullyBooted: right after the login (a booted Asterisk), later
 * (one still starting), or never (an AMI user without read=system), when it is taken as ready after a wait; and
 * not any more once Asterisk says Shutdown.
 */
class AmiLinkReadyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The answer to a Ping, followed by the Shutdown that Asterisk sends as it stops. */
    private static final String SHUTDOWN = "Response: Success\r\nActionID: %s\r\nPing: Pong\r\n\r\n"
            + "Event: Shutdown\r\nPrivilege: system,all\r\nShutdown: Cleanly\r\nRestart: True\r\n\r\n";

    @Test
    void aBootedAsteriskSaysSoAtTheLoginAndTheSessionIsReady() throws Exception {
        try (Metrics metrics = new Metrics(); AmiReplayServer server = AmiReplayServer.start(List.of(), 1)) {
            AmiLink link = link(server, metrics, Duration.ofMinutes(1));
            try {
                link.start();
                Await.until(link::ready, TIMEOUT, "ready");
                assertThat(link.connected()).isTrue();
            } finally {
                link.close();
            }
            assertThat(link.ready()).isFalse();
        }
    }

    @Test
    void anAsteriskStillStartingIsNotReadyUntilItSaysFullyBooted() throws Exception {
        // the answer to a Ping brings the FullyBooted that a starting Asterisk sends once its modules are loaded
        String pong = "Response: Success\r\nActionID: %s\r\nPing: Pong\r\n\r\n" + AmiReplayServer.FULLY_BOOTED;
        try (Metrics metrics = new Metrics();
             AmiReplayServer server = AmiReplayServer.startBooting(List.of(), Map.of("ping", pong::formatted))) {
            AmiLink link = link(server, metrics, Duration.ofMinutes(1));
            try {
                link.start();
                Await.until(link::connected, TIMEOUT, "connected");
                Thread.sleep(300); // what the login brought has been dispatched: no FullyBooted among it
                assertThat(link.ready()).isFalse();

                link.send(new PingAction(), response -> { });
                Await.until(link::ready, TIMEOUT, "ready after FullyBooted");
            } finally {
                link.close();
            }
        }
    }

    @Test
    void anAsteriskShuttingDownIsNotReadyAnyMore() throws Exception {
        try (Metrics metrics = new Metrics();
             AmiReplayServer server = AmiReplayServer.start(List.of(), 1, Map.of("ping", SHUTDOWN::formatted))) {
            AmiLink link = link(server, metrics, Duration.ofMinutes(1));
            try {
                link.start();
                Await.until(link::ready, TIMEOUT, "ready");

                link.send(new PingAction(), response -> { });
                Await.until(() -> !link.ready(), TIMEOUT, "not ready after Shutdown");
                assertThat(link.connected()).isTrue();
            } finally {
                link.close();
            }
        }
    }

    @Test
    void aShutdownWithinTheWaitIsNotTakenForABootedAsterisk() throws Exception {
        try (LogCapture logs = new LogCapture(); Metrics metrics = new Metrics();
             AmiReplayServer server = AmiReplayServer.startBooting(List.of(), Map.of("ping", SHUTDOWN::formatted))) {
            AmiLink link = link(server, metrics, Duration.ofSeconds(2));
            try {
                link.start();
                Await.until(link::connected, TIMEOUT, "connected");
                link.send(new PingAction(), response -> { });
                Await.until(() -> logs.text().contains("AMI: Asterisk is shutting down"), TIMEOUT, "the Shutdown");

                Thread.sleep(3_000); // past the wait for FullyBooted
                assertThat(link.ready()).isFalse();
            } finally {
                link.close();
            }
            assertThat(logs.text()).doesNotContain("placing calls anyway");
        }
    }

    @Test
    void aSessionNeverToldIsTakenAsReadyAfterTheWaitWithAWarning() throws Exception {
        try (LogCapture logs = new LogCapture(); Metrics metrics = new Metrics();
             AmiReplayServer server = AmiReplayServer.startBooting(List.of(), Map.of())) {
            AmiLink link = link(server, metrics, Duration.ofSeconds(3));
            try {
                link.start();
                Await.until(link::connected, TIMEOUT, "connected");
                assertThat(link.ready()).isFalse();
                Await.until(link::ready, TIMEOUT, "ready after the wait");
            } finally {
                link.close();
            }
            assertThat(logs.text()).contains("WARN io.callcontrol.ami.AmiLink AMI: Asterisk did not say it is fully "
                    + "booted within 3 s of the login; placing calls anyway. Give the AMI user read=system");
        }
    }

    private static AmiLink link(AmiReplayServer server, Metrics metrics, Duration bootWait) {
        return new AmiLink(Config.from(Map.of("ami.port", Integer.toString(server.port()))).ami(), event -> { },
                () -> { }, metrics, bootWait);
    }
}
