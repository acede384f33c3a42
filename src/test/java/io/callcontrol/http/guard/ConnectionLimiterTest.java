package io.callcontrol.http.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.http.PeerChannel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The connection caps' counts, on EmbeddedChannels (each is active as soon as it is made). */
class ConnectionLimiterTest {

    private static final InetSocketAddress CRM = new InetSocketAddress("10.0.0.7", 40_000);
    private static final InetSocketAddress OTHER = new InetSocketAddress("10.0.0.8", 40_000);

    private final ConnectionRefusals refusals = new ConnectionRefusals();

    @Test
    void beyondTheCapAConnectionIsClosedAtOnceUncountedAndClosingFreesASlot() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 2, refusals);

        EmbeddedChannel first = new EmbeddedChannel(limiter);
        EmbeddedChannel second = new EmbeddedChannel(limiter);
        EmbeddedChannel third = new EmbeddedChannel(limiter);

        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).as("beyond the cap").isFalse();
        assertThat(limiter.open()).as("the refused one was never counted").isEqualTo(2);

        first.close();
        EmbeddedChannel fourth = new EmbeddedChannel(limiter);
        assertThat(fourth.isOpen()).isTrue();
        assertThat(limiter.open()).isEqualTo(2);

        second.close();
        fourth.close();
        second.close();
        assertThat(limiter.open()).as("closing twice uncounts once").isZero();
        assertThat(refusals.count(ConnectionRefusals.Reason.PER_PEER_LIMIT)).as("one peer: its cap first")
                .isEqualTo(1);
        for (EmbeddedChannel channel : new EmbeddedChannel[] {first, second, third, fourth}) {
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void aPeerAtItsCapLeavesTheRestToTheOthers() {
        ConnectionLimiter limiter = new ConnectionLimiter(3, 2, refusals);

        EmbeddedChannel crm1 = PeerChannel.connecting(CRM, limiter);
        EmbeddedChannel crm2 = PeerChannel.connecting(CRM, limiter);
        EmbeddedChannel crm3 = PeerChannel.connecting(CRM, limiter);
        EmbeddedChannel other1 = PeerChannel.connecting(OTHER, limiter);
        EmbeddedChannel other2 = PeerChannel.connecting(OTHER, limiter);

        assertThat(crm3.isOpen()).as("beyond the per-peer cap").isFalse();
        assertThat(other1.isOpen()).as("another address still gets in").isTrue();
        assertThat(other2.isOpen()).as("beyond the total cap").isFalse();
        assertThat(limiter.open()).isEqualTo(3);
        assertThat(refusals.count(ConnectionRefusals.Reason.PER_PEER_LIMIT)).isEqualTo(1);
        assertThat(refusals.count(ConnectionRefusals.Reason.TOTAL_LIMIT)).isEqualTo(1);

        crm1.close();
        EmbeddedChannel crm4 = PeerChannel.connecting(CRM, limiter);
        assertThat(crm4.isOpen()).as("the peer's own slot came back").isTrue();
        for (EmbeddedChannel channel : new EmbeddedChannel[] {crm1, crm2, crm3, other1, other2, crm4}) {
            channel.finishAndReleaseAll();
        }
        assertThat(limiter.open()).isZero();
    }
}
