package io.callcontrol.track;

import io.callcontrol.ami.AmiLink;
import io.callcontrol.ami.DeviceStateListAction;
import io.callcontrol.call.CallRecord;
import io.callcontrol.dial.AsteriskServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the daemon's view back in line with Asterisk's whenever it may have missed events: after every
 * (re)login (the daemon or the AMI link was down) and after the tracker's queue overflowed. It asks for every
 * device's state and every live channel; calls whose channels are gone are closed by the tracker.
 */
public final class Reconciler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** When the login's reconcile is run again: past the Originate grace of every call sent before the login. */
    private static final Duration RECHECK_AFTER = FollowedCalls.ORIGINATE_GRACE.plusSeconds(1);

    private final TrackerThread engine;
    private final Clock clock;
    private final ScheduledExecutorService overflowWatch = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "reconciler"));
    private volatile List<Server> servers = List.of();
    private long droppedSeen;

    /** One server's link, the calls placed on it, and whether its first login is still to come. */
    private record Server(AmiLink link, Predicate<String> operators, AtomicBoolean firstLogin) {
    }

    public Reconciler(TrackerThread engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** Starts watching for dropped events; {@link #onLogin()} needs the link. */
    public void start(AmiLink link) {
        start(AsteriskServers.single(link));
    }

    /** As {@link #start(AmiLink)} for several servers: each one's login settles only the calls placed on it. */
    public void start(AsteriskServers links) {
        boolean one = links.links().size() == 1;
        this.servers = links.links().stream()
                .map(link -> new Server(link, one ? sip -> true : links.operatorsOn(link.name()), new AtomicBoolean(true)))
                .toList();
        overflowWatch.scheduleWithFixedDelay(this::afterOverflow, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Runs on the AMI link's thread after each successful login; once more when the Originate grace has passed: a
     * call sent in the last seconds before the link went down is not taken for lost at the login (its channel may
     * be on its way), so a login within that grace would otherwise leave a call whose channel died with Asterisk
     * open for good.
     */
    public void onLogin() {
        List<Server> all = servers;
        if (!all.isEmpty()) {
            onLogin(all.get(0));
        }
    }

    /** As {@link #onLogin()}, after the login of the server {@code name}: only its calls are settled. */
    public void onLogin(String name) {
        servers.stream().filter(server -> server.link().name().equals(name)).findFirst().ifPresent(this::onLogin);
    }

    private void onLogin(Server server) {
        String why = server.firstLogin().getAndSet(false) ? "the daemon was not running"
                : "the AMI link to " + server.link().label() + " was down";
        reconcile(server, why);
        overflowWatch.schedule(() -> recheck(server, why), RECHECK_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void recheck(Server server, String why) {
        if (server.link().connected()) {
            reconcile(server, why);
        }
    }

    /** Reconciles now, if logged in (else the next login does): after calls were adopted from a stopped daemon. */
    public void reconcileNow(String why) {
        for (Server server : servers) {
            if (server.link().connected()) {
                reconcile(server, why);
            }
        }
    }

    private void afterOverflow() {
        long dropped = engine.droppedFacts();
        if (dropped > droppedSeen && servers.stream().anyMatch(server -> server.link().connected())) {
            log.warn("reconciling after {} AMI events were dropped (tracker queue full)", dropped - droppedSeen);
            droppedSeen = dropped;
            reconcileNow("AMI events were dropped (tracker queue full)");
        }
    }

    private void reconcile(Server server, String why) {
        AmiLink link = server.link();
        try {
            link.send(new DeviceStateListAction(), response -> { });
            Instant asOf = clock.instant();
            engine.reconcile(link.liveChannelIds(), asOf, why, server.operators());
        } catch (Exception e) {
            log.warn("AMI: reconciling {} failed ({}): {}", link.describe(), why, e.getMessage());
        }
    }

    @Override
    public void close() {
        overflowWatch.shutdownNow();
        try {
            overflowWatch.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
