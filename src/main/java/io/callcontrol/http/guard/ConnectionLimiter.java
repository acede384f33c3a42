package io.callcontrol.http.guard;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most http.max.connections.per.peer open connections from one address and http.max.connections in all: beyond
 * either a new connection is closed at once, uncounted, so a flood of connections costs the daemon sockets only
 * briefly and the connections already open keep being served. Comes after {@link PeerFilter}: only allowed peers
 * are counted, so only they can fill the caps, and one of them at its own cap leaves the rest to the others.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    /** The key a counted connection is counted under, set only once it is counted. */
    private static final AttributeKey<Object> COUNTED = AttributeKey.valueOf(ConnectionLimiter.class, "counted");

    private final int max;
    private final int maxPerPeer;
    private final ConnectionRefusals refusals;
    private final AtomicInteger open = new AtomicInteger();
    /** Open connections by peer address; an address leaves the map with its last connection. */
    private final Map<Object, Integer> perPeer = new ConcurrentHashMap<>();

    public ConnectionLimiter(int max, int maxPerPeer, ConnectionRefusals refusals) {
        this.max = max;
        this.maxPerPeer = maxPerPeer;
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress peer = PeerFilter.peer(ctx.channel());
        // A channel without an IP peer (never a TCP connection) is counted under its own kind of address.
        Object key = peer != null ? peer : String.valueOf(ctx.channel().remoteAddress());
        if (!takePeerSlot(key)) {
            refuse(ctx, ConnectionRefusals.Reason.PER_PEER_LIMIT, peer);
            return;
        }
        if (open.getAndUpdate(n -> n < max ? n + 1 : n) >= max) {
            releasePeerSlot(key);
            refuse(ctx, ConnectionRefusals.Reason.TOTAL_LIMIT, peer);
            return;
        }
        ctx.channel().attr(COUNTED).set(key);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Only a connection counted in channelActive is uncounted, whatever order the events come in.
        Object key = ctx.channel().attr(COUNTED).getAndSet(null);
        if (key != null) {
            releasePeerSlot(key);
            open.decrementAndGet();
        }
        ctx.fireChannelInactive();
    }

    /** How many connections are open now. */
    public int open() {
        return open.get();
    }

    private void refuse(ChannelHandlerContext ctx, ConnectionRefusals.Reason reason, InetAddress peer) {
        refusals.refused(reason, peer);
        ctx.close();
    }

    private boolean takePeerSlot(Object key) {
        boolean[] taken = {false};
        perPeer.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= maxPerPeer) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void releasePeerSlot(Object key) {
        perPeer.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
