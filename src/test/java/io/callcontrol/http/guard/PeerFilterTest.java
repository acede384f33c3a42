package io.callcontrol.http.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.config.Config;
import io.callcontrol.http.LogCapture;
import io.callcontrol.http.PeerChannel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The allow-list at connect time, on EmbeddedChannels that connect from a given address. */
class PeerFilterTest {

    private final ConnectionRefusals refusals = new ConnectionRefusals();
    private final PeerFilter filter = new PeerFilter(
            Config.from(Map.of("http.allow", "10.0.0.0/8,fd00::/8")).http().allow(), refusals);
    private final AtomicInteger passedOn = new AtomicInteger();
    private final ChannelInboundHandlerAdapter next = new ChannelInboundHandlerAdapter() {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            passedOn.incrementAndGet();
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    };

    @Test
    void aPeerOutsideIsClosedAsItConnectsAndTheNextHandlerNeverHearsOfIt() {
        EmbeddedChannel outsider = PeerChannel.connecting(new InetSocketAddress("192.0.2.1", 40_000), filter, next);
        EmbeddedChannel mapped = PeerChannel.connecting(new InetSocketAddress("::ffff:192.0.2.1", 40_000), filter,
                next);
        EmbeddedChannel noAddress = new EmbeddedChannel(filter, next);

        assertThat(outsider.isOpen()).isFalse();
        assertThat(mapped.isOpen()).isFalse();
        assertThat(noAddress.isOpen()).as("no IP address: not one http.allow names").isFalse();
        assertThat(passedOn).hasValue(0);
        assertThat(refusals.count(ConnectionRefusals.Reason.NOT_ALLOWED)).isEqualTo(3);
        outsider.finishAndReleaseAll();
        mapped.finishAndReleaseAll();
        noAddress.finishAndReleaseAll();
    }

    @Test
    void aPeerInsideGoesOn() {
        EmbeddedChannel v4 = PeerChannel.connecting(new InetSocketAddress("10.1.2.3", 40_000), filter, next);
        EmbeddedChannel v6 = PeerChannel.connecting(new InetSocketAddress("fd00::7", 40_000), filter, next);

        assertThat(v4.isOpen()).isTrue();
        assertThat(v6.isOpen()).isTrue();
        assertThat(passedOn).hasValue(2);
        assertThat(refusals.count(ConnectionRefusals.Reason.NOT_ALLOWED)).isZero();
        v4.finishAndReleaseAll();
        v6.finishAndReleaseAll();
    }

    @Test
    void aFloodOfRefusalsIsOneLogLine() {
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 500; i++) {
                PeerChannel.connecting(new InetSocketAddress("192.0.2." + (i % 250), 40_000), filter, next)
                        .finishAndReleaseAll();
            }

            assertThat(log.text().lines().filter(line -> line.contains("closed")).toList()).singleElement()
                    .asString().contains("outside http.allow", "192.0.2.0");
            assertThat(refusals.count(ConnectionRefusals.Reason.NOT_ALLOWED)).isEqualTo(500);
        }
    }
}
