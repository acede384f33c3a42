package io.callcontrol.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.config.Config;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.metrics.PrometheusText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.junit.jupiter.api.Test;

/** The AMI link's meters against a replay server: every event counted, the link's state, a reconnect. */
class AmiLinkMetricsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /**
     * After the transcript: an event AmiLink's connection knows (the replay server's own ReplayEnd marker is a user
     * event AmiLink does not register, so asterisk-java drops it); events arrive in order, so it ends the replay.
     */
    private static final String END = "Event: DeviceStateChange\r\nDevice: replay-end\r\nState: NOT_INUSE\r\n\r\n";

    @Test
    void countsEveryEventAndTheReconnectAndShowsTheLinksState() throws Exception {
        AtomicInteger delivered = new AtomicInteger();
        Semaphore replaysEnded = new Semaphore(0);
        List<String> events = new ArrayList<>(AmiTranscript.load("operator-busy").events("cc-7-0a1b2c3d"));
        events.add(END);
        try (Metrics metrics = new Metrics(); AmiReplayServer server = AmiReplayServer.start(events, 2)) {
            AmiLink link = new AmiLink(Config.from(Map.of("ami.port", Integer.toString(server.port()))).ami(),
                    event -> {
                        delivered.incrementAndGet();
                        if (event instanceof DeviceStateChangeEvent change && "replay-end".equals(change.getDevice())) {
                            replaysEnded.release();
                        }
                    }, () -> { }, metrics);
            metrics.watchAmi(link::connected, link::ready);
            try {
                assertThat(scrape(metrics).value("callcontrol_ami_connected")).isZero();
                link.start();
                assertThat(replaysEnded.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

                // asterisk-java marks the link connected and tells of the login on its own thread: wait for both
                PrometheusText first = PrometheusText.await(metrics::scrape, TIMEOUT,
                        text -> text.value("callcontrol_ami_connected") == 1
                                && text.value("callcontrol_ami_ready") == 1
                                && text.value("callcontrol_ami_events_total") == delivered.get());
                assertThat(first.value("callcontrol_ami_events_total")).isGreaterThan(5);
                assertThat(first.value("callcontrol_ami_reconnects_total")).isZero();

                server.dropClients();
                assertThat(replaysEnded.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                PrometheusText second = PrometheusText.await(metrics::scrape, TIMEOUT,
                        text -> text.value("callcontrol_ami_reconnects_total") == 1
                                && text.value("callcontrol_ami_connected") == 1
                                && text.value("callcontrol_ami_events_total") == delivered.get());
                assertThat(second.value("callcontrol_ami_events_total"))
                        .isGreaterThan(2 * first.value("callcontrol_ami_events_total") - 1);
            } finally {
                link.close();
            }
            assertThat(scrape(metrics).value("callcontrol_ami_connected")).isZero();
            assertThat(scrape(metrics).value("callcontrol_ami_ready")).isZero();
        }
    }

    private static PrometheusText scrape(Metrics metrics) {
        return PrometheusText.parse(metrics.scrape());
    }
}
