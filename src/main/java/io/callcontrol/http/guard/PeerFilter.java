package io.callcontrol.http.guard;

import io.callcontrol.config.Cidr;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The head of every connection's pipeline: a peer outside http.allow is closed the moment it connects, before the
 * connection limits count it and before it can send a byte, so no number of refused peers can take a connection
 * slot from an allowed one. Only the TCP peer's address is checked (never a header).
 */
@ChannelHandler.Sharable
public final class PeerFilter extends ChannelInboundHandlerAdapter {

    private final List<Cidr> allow;
    private final ConnectionRefusals refusals;

    public PeerFilter(List<Cidr> allow, ConnectionRefusals refusals) {
        this.allow = List.copyOf(allow);
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress peer = peer(ctx.channel());
        if (peer == null || allow.stream().noneMatch(range -> range.contains(peer))) {
            refusals.refused(ConnectionRefusals.Reason.NOT_ALLOWED, peer);
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    /** The TCP peer's address; null for a channel that has none (never so for a TCP connection). */
    public static InetAddress peer(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress address ? address.getAddress() : null;
    }
}
