package io.callcontrol.http.guard;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections closed as soon as they opened, counted by reason for the metrics and logged at most once a minute
 * per reason: a flood of connections must not flood the log too.
 */
public final class ConnectionRefusals {

    /** Why a connection was refused; {@link #label()} is the metric's {@code reason}. */
    public enum Reason {
        NOT_ALLOWED("outside http.allow"),
        PER_PEER_LIMIT("this address has http.max.connections.per.peer connections open"),
        TOTAL_LIMIT("http.max.connections connections are open");

        private final String why;

        Reason(String why) {
            this.why = why;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ConnectionRefusals.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Map<Reason, LongAdder> counts = new EnumMap<>(Reason.class);
    /** Refusals not logged yet, and when the last line went out, per reason. */
    private final Map<Reason, AtomicLong> unlogged = new EnumMap<>(Reason.class);
    private final Map<Reason, AtomicLong> loggedAt = new EnumMap<>(Reason.class);

    public ConnectionRefusals() {
        long longAgo = System.nanoTime() - LOG_EVERY_NANOS;
        for (Reason reason : Reason.values()) {
            counts.put(reason, new LongAdder());
            unlogged.put(reason, new AtomicLong());
            loggedAt.put(reason, new AtomicLong(longAgo));
        }
    }

    /** Counts a refused connection from {@code peer} (null when it has no IP address) and maybe logs it. */
    void refused(Reason reason, InetAddress peer) {
        counts.get(reason).increment();
        unlogged.get(reason).incrementAndGet();
        AtomicLong last = loggedAt.get(reason);
        long now = System.nanoTime();
        long then = last.get();
        if (now - then >= LOG_EVERY_NANOS && last.compareAndSet(then, now)) {
            long refused = unlogged.get(reason).getAndSet(0);
            log.warn("HTTP: closed {} new connection(s) at once since the last report ({}), the latest from {};"
                    + " reported once a minute at most", refused, reason.why,
                    peer == null ? "an unknown address" : peer.getHostAddress());
        }
    }

    /** Connections refused for {@code reason} since the server started. */
    public long count(Reason reason) {
        return counts.get(reason).sum();
    }
}
