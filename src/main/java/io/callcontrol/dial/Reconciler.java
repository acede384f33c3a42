package io.callcontrol.dial;

import io.callcontrol.ami.AmiLink;
import io.callcontrol.ami.DeviceStateListAction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final CallEngine engine;
    private final Clock clock;
    private final AtomicBoolean firstLogin = new AtomicBoolean(true);
    private final ScheduledExecutorService overflowWatch = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "reconciler"));
    private volatile AmiLink ami;
    private long droppedSeen;

    public Reconciler(CallEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** Starts watching for dropped events; {@link #onLogin()} needs the link. */
    public void start(AmiLink link) {
        this.ami = link;
        overflowWatch.scheduleWithFixedDelay(this::afterOverflow, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Runs on the AMI link's thread after each successful login; once more when the Originate grace has passed: a
     * call sent in the last seconds before the link went down is not taken for lost at the login (its channel may
     * be on its way), so a login within that grace would otherwise leave a call whose channel died with Asterisk
     * open for good.
     */
    public void onLogin() {
        String why = firstLogin.getAndSet(false) ? "the daemon was not running" : "the AMI link to Asterisk was down";
        reconcile(why);
        overflowWatch.schedule(() -> recheck(why), RECHECK_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void recheck(String why) {
        AmiLink link = ami;
        if (link != null && link.connected()) {
            reconcile(why);
        }
    }

    /** Reconciles now, if logged in (else the next login does): after calls were adopted from a stopped daemon. */
    public void reconcileNow(String why) {
        AmiLink link = ami;
        if (link != null && link.connected()) {
            reconcile(why);
        }
    }

    private void afterOverflow() {
        long dropped = engine.droppedFacts();
        if (dropped > droppedSeen && ami != null && ami.connected()) {
            log.warn("reconciling after {} AMI events were dropped (tracker queue full)", dropped - droppedSeen);
            droppedSeen = dropped;
            reconcile("AMI events were dropped (tracker queue full)");
        }
    }

    private void reconcile(String why) {
        AmiLink link = ami;
        if (link == null) {
            return;
        }
        try {
            link.send(new DeviceStateListAction(), response -> { });
            Instant asOf = clock.instant();
            engine.reconcile(link.liveChannelIds(), asOf, why);
        } catch (Exception e) {
            log.warn("AMI: reconciling failed ({}): {}", why, e.getMessage());
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
