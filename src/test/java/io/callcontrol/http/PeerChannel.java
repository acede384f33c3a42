package io.callcontrol.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** EmbeddedChannels whose peer is an IP address, as the access checks need; EmbeddedChannel's own peer is not one. */
public final class PeerChannel {

    public static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 40_000);

    private PeerChannel() {
    }

    public static EmbeddedChannel of(InetSocketAddress peer, ChannelHandler... handlers) {
        EmbeddedChannel channel = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
        channel.pipeline().addLast(handlers);
        return channel;
    }

    /** A channel from {@code peer} that becomes active with {@code handlers} in place, as a new connection does. */
    public static EmbeddedChannel connecting(InetSocketAddress peer, ChannelHandler... handlers) {
        return new EmbeddedChannel(handlers) {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
    }
}
