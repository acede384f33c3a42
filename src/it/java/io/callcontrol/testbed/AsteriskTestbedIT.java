package io.callcontrol.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The testbed itself: the project's dialplan on a real Asterisk 22 and each sipp phone behaviour give the
 * Asterisk outcome the integration tests rely on.
 */
@ExtendWith(AsteriskTestbed.class)
class AsteriskTestbedIT {

    private static final Duration OPERATOR_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static AmiProbe ami;

    @BeforeAll
    static void connect() throws Exception {
        ami = new AmiProbe();
    }

    @AfterAll
    static void disconnect() {
        if (ami != null) {
            ami.close();
        }
    }

    @Test
    void answeredCallReachesTheClientBothLegsHangUpAndTheRecordingHasAudio() throws Exception {
        String id = ami.originate("1000", "380639920000", OPERATOR_TIMEOUT, CLIENT_TIMEOUT);

        OriginateResponseEvent originate = awaitOriginate(id);
        assertThat(originate.getResponse()).isEqualTo("Success");
        assertThat(originate.getReason()).isEqualTo(4);
        assertThat(awaitClientDialEnd(id).getDialStatus()).isEqualTo("ANSWER");

        HangupEvent operatorHangup = awaitOperatorHangup(id);
        // the bridge's events come through Asterisk's message bus, not in the channel's order: wait for them
        Await.until(() -> ami.seen(BridgeEnterEvent.class, e -> id.equals(e.getLinkedId())).size() >= 2, WAIT,
                "both legs' BridgeEnter");
        assertThat(ami.seen(BridgeEnterEvent.class, e -> id.equals(e.getLinkedId()))).hasSize(2);
        assertThat(operatorHangup.getCause()).isEqualTo(16);
        assertThat(ami.seen(HangupEvent.class, e -> id.equals(e.getLinkedId()) && !id.equals(e.getUniqueId())))
                .singleElement().satisfies(client -> assertThat(client.getCause()).isEqualTo(16));

        Path recording = AsteriskTestbed.recordingsDir().resolve("probe/" + id + ".wav");
        assertThat(recording).exists();
        assertThat(Files.size(recording)).isGreaterThan(16_000);
        assertThat(RecordedAudio.nonSilentShare(Files.readAllBytes(recording))).isGreaterThan(0.2);
    }

    @Test
    void busyOperatorFailsTheOriginateWithUserBusy() throws Exception {
        String id = ami.originate("1001", "380639920000", OPERATOR_TIMEOUT, CLIENT_TIMEOUT);

        assertThat(awaitOriginate(id).getResponse()).isEqualTo("Failure");
        assertThat(awaitOperatorHangup(id).getCause()).isEqualTo(17);
    }

    @Test
    void ringingOperatorTimesOutWithReasonNoAnswer() throws Exception {
        String id = ami.originate("1002", "380639920000", OPERATOR_TIMEOUT, CLIENT_TIMEOUT);

        OriginateResponseEvent originate = awaitOriginate(id);
        assertThat(originate.getResponse()).isEqualTo("Failure");
        assertThat(originate.getReason()).isEqualTo(3);
        assertThat(awaitOperatorHangup(id).getCause()).isEqualTo(19);
    }

    @Test
    void offlineOperatorFailsAtOnceWithoutAChannel() throws Exception {
        String id = ami.originate("1003", "380639920000", OPERATOR_TIMEOUT, CLIENT_TIMEOUT);

        OriginateResponseEvent originate = awaitOriginate(id);
        assertThat(originate.getResponse()).isEqualTo("Failure");
        assertThat(originate.getReason()).isEqualTo(0);
        assertThat(ami.seen(NewChannelEvent.class, e -> id.equals(e.getUniqueId()))).isEmpty();
        assertThat(AsteriskTestbed.cli("core show channels concise")).doesNotContain("PJSIP/1003");
    }

    @Test
    void busyClientEndsTheDialWithBusy() throws Exception {
        assertThat(clientDialStatus("1000", "380639920001")).isEqualTo("BUSY");
    }

    @Test
    void silentClientEndsTheDialWithNoAnswer() throws Exception {
        assertThat(clientDialStatus("1000", "380639920002")).isEqualTo("NOANSWER");
    }

    @Test
    void operatorHangingUpWhileTheClientRingsCancelsTheDial() throws Exception {
        String id = ami.originate("1004", "380639920002", OPERATOR_TIMEOUT, Duration.ofSeconds(15));

        assertThat(awaitClientDialEnd(id).getDialStatus()).isEqualTo("CANCEL");
    }

    @Test
    void unavailableClientTrunkEndsTheDialWithCongestion() throws Exception {
        assertThat(clientDialStatus("1000", "380639920006")).isEqualTo("CONGESTION");
    }

    @Test
    void unknownClientNumberHangsUpWithUnallocatedCause() throws Exception {
        String id = ami.originate("1000", "380639920005", OPERATOR_TIMEOUT, CLIENT_TIMEOUT);

        awaitClientDialEnd(id);
        assertThat(awaitOperatorHangup(id).getCause()).isEqualTo(1);
    }

    private String clientDialStatus(String operator, String phone) throws Exception {
        String id = ami.originate(operator, phone, OPERATOR_TIMEOUT, CLIENT_TIMEOUT);
        String status = awaitClientDialEnd(id).getDialStatus();
        awaitOperatorHangup(id);
        return status;
    }

    private static OriginateResponseEvent awaitOriginate(String id) throws InterruptedException {
        return ami.await(OriginateResponseEvent.class, e -> id.equals(e.getUniqueId()), WAIT);
    }

    /** The Dial from the operator's channel to the client (not the Originate's own dial, which has no Channel). */
    private static DialEndEvent awaitClientDialEnd(String id) throws InterruptedException {
        return ami.await(DialEndEvent.class, e -> id.equals(e.getUniqueId()) && e.getDestChannel() != null, WAIT);
    }

    private static HangupEvent awaitOperatorHangup(String id) throws InterruptedException {
        return ami.await(HangupEvent.class, e -> id.equals(e.getUniqueId()), WAIT);
    }
}
