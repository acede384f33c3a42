package io.callcontrol.cluster;

import io.callcontrol.call.CallRecord;
import io.callcontrol.push.Webhooks;
import io.callcontrol.recording.RecordingKeeper;
import io.callcontrol.schedule.CallScheduler;
import io.callcontrol.storage.DaemonCalls;
import io.callcontrol.track.Reconciler;
import io.callcontrol.track.TrackerThread;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's work: webhook delivery (from the cursors the last leader stored), scheduled attempts (the scheduler
 * asks {@link Leadership#leading()} itself), and the calls of daemons that are gone: their open calls are adopted into
 * this daemon's tracker and settled by the same reconcile as after a restart (a live channel is followed on, a call
 * whose channel is gone is closed as lost, one whose Originate never went out is sent now), and the recordings they
 * still had due are looked for. It runs on a thread of its own, in the order told, so the leadership's checks never
 * wait for the store.
 */
public final class LeaderDuties implements LeaderWork, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderDuties.class);
    private static final long STOP_SECONDS = 5;
    /** A store too busy to take an adoption in this long is tried again at the next round. */
    private static final Duration ADOPT_TIMEOUT = Duration.ofSeconds(10);

    private final Webhooks webhooks;
    private final CallScheduler scheduler;
    private final DaemonCalls calls;
    private final TrackerThread engine;
    private final Reconciler reconciler;
    private final RecordingKeeper recordings;
    private final String self;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "leader-work");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean adopting = new AtomicBoolean();
    /** Set on the leadership's thread; read by the queued work, which may run after the lead ended. */
    private volatile boolean leading;

    public LeaderDuties(Webhooks webhooks, CallScheduler scheduler, DaemonCalls calls, TrackerThread engine,
            Reconciler reconciler, RecordingKeeper recordings, String self) {
        this.webhooks = webhooks;
        this.scheduler = scheduler;
        this.calls = calls;
        this.engine = engine;
        this.reconciler = reconciler;
        this.recordings = recordings;
        this.self = self;
    }

    @Override
    public void lead() {
        leading = true;
        run(() -> {
            // under the webhooks' own lock, which pause() takes too: a lead that ended meanwhile resumes nothing
            synchronized (webhooks) {
                if (leading) {
                    webhooks.resume();
                }
            }
            scheduler.leadershipChanged();
            adoptOrphans();
        });
    }

    /**
     * Stops webhook delivery before it returns (bounded by the targets' stop), here and not behind queued work that
     * may wait for the store; the scheduler sees the role itself (an attempt being placed is finished).
     */
    @Override
    public void follow() {
        leading = false;
        webhooks.pause();
        scheduler.leadershipChanged();
    }

    @Override
    public void whileLeading() {
        if (adopting.compareAndSet(false, true)) {
            run(() -> {
                try {
                    adoptOrphans();
                } finally {
                    adopting.set(false);
                }
            });
        }
    }

    /** The daemons other than this one with calls left: those not running lose them to this one. */
    private void adoptOrphans() {
        boolean adopted = false;
        for (String gone : calls.othersWithWork(self)) {
            Optional<List<CallRecord>> taken = calls.adopt(gone, ADOPT_TIMEOUT).join();
            if (taken.isEmpty()) {
                continue; // it runs: its lock is held
            }
            adopted = true;
            List<CallRecord> open = taken.get();
            if (!open.isEmpty()) {
                // calls from before daemon.name existed name no daemon: they are the last run's
                String why = gone.isEmpty() ? "the daemon was not running" : "daemon '" + gone + "' was not running";
                log.warn("cluster: {}; following its {} open calls: {}", why, open.size(),
                        open.stream().map(CallRecord::callId).toList());
                engine.adopt(open);
                reconciler.reconcileNow(why);
            }
        }
        if (adopted) {
            recordings.resume();
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("cluster: leader work failed: {}", e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("cluster: the daemon stops; leader work not started"); // its parts stopped already
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
