package io.callcontrol.track;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.CallTracker;
import io.callcontrol.call.ChannelFact;
import io.callcontrol.call.Direction;
import io.callcontrol.call.Fact;
import io.callcontrol.call.StatusChange;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.recording.RecordingKeeper;
import io.callcontrol.storage.CallStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The calls the daemon placed, on the tracker thread: each fact goes through the pure {@link CallTracker}, and what it
 * decides to the log, the store, the recordings and the listeners. Used by the {@link TrackerThread}'s thread only.
 */
final class PlacedCalls {

    /** The tracker's logger: the status lines and warnings read as they always have, whichever class writes them. */
    private static final Logger log = LoggerFactory.getLogger(TrackerThread.class);

    private final FollowedCalls active = new FollowedCalls();
    private final CallStore store;
    private final RecordingKeeper recordings;
    private final Metrics metrics;
    /** Asks for a {@link Fact.VerdictDue} of the call once the wait after an unclear OriginateResponse is over. */
    private final LongConsumer awaitVerdict;
    private volatile BiConsumer<CallRecord, StatusChange> onEnded = (call, end) -> { };
    private volatile Consumer<CallRecord> onNotSent = call -> { };
    private long refused;

    PlacedCalls(CallStore store, RecordingKeeper recordings, Metrics metrics, LongConsumer awaitVerdict) {
        this.store = store;
        this.recordings = recordings;
        this.metrics = metrics;
        this.awaitVerdict = awaitVerdict;
    }

    void onEnded(BiConsumer<CallRecord, StatusChange> listener) {
        this.onEnded = listener;
    }

    void onNotSent(Consumer<CallRecord> listener) {
        this.onNotSent = listener;
    }

    /** Follows again those of the calls the daemon placed; the others are the inbound calls'. */
    void resume(List<CallRecord> calls) {
        active.resume(calls.stream().filter(c -> c.direction() == Direction.OUTBOUND).toList());
    }

    void track(CallRecord call) {
        active.track(call);
    }

    void sent(long callId, Instant at) {
        active.sent(callId, at);
    }

    /** The call followed, or null when it ended already or is not one of the daemon's. */
    FollowedCalls.Active get(long callId) {
        return active.get(callId);
    }

    int size() {
        return active.size();
    }

    /**
     * A fact whose channel id names a call followed here with another token belongs to a call of someone else: of
     * another daemon on this Asterisk, or of this one before its store was restored from a backup.
     */
    void applyIfOwn(ChannelFact told) {
        FollowedCalls.Active current = active.get(told.fact().callId());
        if (current == null || current.call().channelId().equals(told.channelId())) {
            apply(told.fact());
            return;
        }
        long n = ++refused;
        metrics.amiEventRefused();
        if (n == 1 || n % 1_000 == 0) {
            log.warn("tracker: ignored an AMI event naming call {} with another channel id token than the call's"
                    + " (another daemon on this Asterisk, or calls from before a store restore?); {} so far",
                    told.fact().callId(), n);
        }
    }

    void apply(Fact fact) {
        FollowedCalls.Active current = active.get(fact.callId());
        if (current == null) {
            return; // a call that ended already, or not ours
        }
        CallTracker.Step step = CallTracker.next(current.progress(), fact);
        CallStatus connectedAt = current.call().first().connected();
        boolean connected = current.connected() || step.changes().stream().anyMatch(c -> c.status() == connectedAt);
        FollowedCalls.Active next = new FollowedCalls.Active(current.call(), step.progress(), connected,
                current.sentAt());
        if (!step.changes().isEmpty()) {
            record(next, step.changes());
        }
        if (connected && !current.connected()) {
            recordings.expect(next.call()); // queued right behind the statuses: committed with them, or just after
        }
        if (step.progress().failedOriginate() != null && current.progress().failedOriginate() == null
                && !step.progress().ended()) {
            awaitVerdict.accept(fact.callId());
        }
        if (step.progress().ended()) {
            active.remove(fact.callId());
            metrics.callEnded(step.progress().status());
            if (connected) {
                recordings.collect(next.call());
            }
            onEnded.accept(next.call(), step.changes().get(step.changes().size() - 1));
        } else {
            active.put(next);
        }
    }

    /**
     * After a reconcile of the server that places the operators {@code onServer}: a call stored whose Originate never
     * went out is sent now, one that ended unseen is closed with {@link Fact.CallLost}.
     */
    void closeLost(Set<String> liveChannelIds, Instant asOf, String why, Predicate<String> onServer) {
        List<CallRecord> notSent = active.notSent(liveChannelIds, asOf, onServer);
        if (!notSent.isEmpty()) {
            log.warn("tracker: {} calls were stored but their Originate not sent when the daemon stopped; sending"
                    + " them now: {}", notSent.size(), notSent.stream().map(CallRecord::callId).toList());
            notSent.forEach(onNotSent);
        }
        List<Long> lost = active.lost(liveChannelIds, asOf, onServer);
        if (!lost.isEmpty()) {
            log.warn("tracker: {} calls ended while {}: {}", lost.size(), why, lost);
        }
        lost.forEach(callId -> apply(new Fact.CallLost(callId, why)));
    }

    private void record(FollowedCalls.Active call, List<StatusChange> changes) {
        CallRecord c = call.call();
        MDC.put("call_id", Long.toString(c.callId()));
        MDC.put("order_id", c.orderId());
        try {
            changes.forEach(change -> log.info("call {} order {}: {} {}", c.callId(), c.orderId(), change.status(),
                    change.detail()));
        } finally {
            MDC.remove("call_id");
            MDC.remove("order_id");
        }
        store.appendStatuses(c.callId(), c.orderId(), changes).whenComplete((written, error) -> {
            if (error != null) {
                log.error("call {}: statuses {} not stored: {}", c.callId(), changes, error.getMessage());
            }
        });
    }
}
