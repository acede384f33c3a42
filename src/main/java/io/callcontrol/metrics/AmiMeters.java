package io.callcontrol.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** The meters of one Asterisk server's AMI link, each with the label {@code server}. */
public final class AmiMeters {

    private final MeterRegistry registry;
    private final String server;
    private final Counter events;
    private final Counter reconnects;
    private final AtomicBoolean loggedInBefore = new AtomicBoolean();

    AmiMeters(MeterRegistry registry, String server) {
        this.registry = registry;
        this.server = server;
        events = Counter.builder("callcontrol.ami.events")
                .description("AMI events received from Asterisk")
                .tag("server", server)
                .register(registry);
        reconnects = Counter.builder("callcontrol.ami.reconnects")
                .description("AMI logins after the first one: the link was lost and came back")
                .tag("server", server)
                .register(registry);
    }

    /** One AMI event arrived. On asterisk-java's reader thread: one increment. */
    public void event() {
        events.increment();
    }

    /** The link logged in; every login after the first counts as a reconnect. */
    public void loggedIn() {
        if (loggedInBefore.getAndSet(true)) {
            reconnects.increment();
        }
    }

    /** The link's state, read at each scrape. */
    void watch(BooleanSupplier connected, BooleanSupplier ready) {
        Gauge.builder("callcontrol.ami.connected", () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while logged in to Asterisk's AMI, 0 otherwise")
                .tag("server", server)
                .register(registry);
        Gauge.builder("callcontrol.ami.ready", () -> ready.getAsBoolean() ? 1 : 0)
                .description("1 while logged in and Asterisk is fully booted (makeCall can place calls)")
                .tag("server", server)
                .register(registry);
    }
}
