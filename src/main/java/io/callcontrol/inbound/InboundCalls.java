package io.callcontrol.inbound;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Direction;
import io.callcontrol.call.StatusChange;
import io.callcontrol.storage.InboundStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound calls the tracker thread follows, by their conversation's Linkedid: each fact goes through the pure
 * {@link InboundTracker}, and what it decides to the store. A call is stored when an operator's phone is first rung;
 * facts about a conversation not followed (one that began while the daemon was away) change nothing. Used by the
 * tracker thread only; the map is concurrent so that a scrape can read its size.
 */
public final class InboundCalls {

    private static final Logger log = LoggerFactory.getLogger(InboundCalls.class);
    /** A call younger than this may have no channel in a reconcile's snapshot taken before it began. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private record Followed(InboundProgress progress, Instant since) {
    }

    private final InboundStore store;
    private final Map<String, Followed> calls = new ConcurrentHashMap<>();

    public InboundCalls(InboundStore store) {
        this.store = store;
    }

    /** The inbound calls in progress when the daemon last stopped, as the store has them. */
    public void resume(Collection<CallRecord> inProgress) {
        for (CallRecord call : inProgress) {
            if (call.direction() == Direction.INBOUND) {
                calls.put(call.channelId(), new Followed(InboundProgress.resumed(call.sip(), call.status()),
                        call.createdAt()));
            }
        }
    }

    /** Applies one fact; {@code now} is when it is handled. */
    public void apply(OperatorLegFact fact, Instant now) {
        Followed current = calls.get(fact.linkedId());
        if (current == null && !(fact instanceof OperatorLegFact.Rung)) {
            return;
        }
        InboundProgress progress = current == null
                ? InboundProgress.unseen(((OperatorLegFact.Rung) fact).sip()) : current.progress();
        InboundTracker.Step step = InboundTracker.next(progress, fact);
        if (current == null && !step.changes().isEmpty()) {
            OperatorLegFact.Rung rung = (OperatorLegFact.Rung) fact;
            store.create(fact.linkedId(), Direction.INBOUND, rung.sip(), rung.caller(), step.changes())
                    .whenComplete((call, error) -> logged(fact.linkedId(), step.changes(), error));
        } else if (!step.changes().isEmpty()) {
            record(fact.linkedId(), step);
        }
        settle(fact.linkedId(), step, current == null ? now : current.since());
    }

    /**
     * The calls of the operators {@code onServer} (the server reconciled) whose conversation Asterisk no longer has,
     * older than {@link #GRACE}: they ended unseen.
     */
    public int closeLost(Set<String> liveChannelIds, Instant asOf, String why, Predicate<String> onServer) {
        Instant settled = asOf.minus(GRACE);
        List<String> lost = calls.entrySet().stream()
                .filter(e -> e.getValue().since().isBefore(settled) && !liveChannelIds.contains(e.getKey())
                        && onServer.test(e.getValue().progress().sip()))
                .map(Map.Entry::getKey).toList();
        for (String linkedId : lost) {
            Followed call = calls.get(linkedId);
            InboundTracker.Step step = InboundTracker.lost(call.progress(), why);
            record(linkedId, step);
            settle(linkedId, step, call.since());
        }
        return lost.size();
    }

    public int size() {
        return calls.size();
    }

    private void settle(String linkedId, InboundTracker.Step step, Instant since) {
        if (step.progress().ended()) {
            calls.remove(linkedId);
        } else if (step.progress().status() != null) {
            calls.put(linkedId, new Followed(step.progress(), since));
        }
    }

    private void record(String linkedId, InboundTracker.Step step) {
        store.append(linkedId, step.progress().sip(), step.changes())
                .whenComplete((written, error) -> logged(linkedId, step.changes(), error));
    }

    private static void logged(String linkedId, List<StatusChange> changes, Throwable error) {
        if (error != null) {
            log.error("inbound call {}: statuses {} not stored: {}", linkedId, changes, error.getMessage());
        } else {
            changes.forEach(c -> log.info("inbound call {}: {} {}", linkedId, c.status(), c.detail()));
        }
    }

    /** Whether a status ends an inbound call without an operator: what missedCalls lists. */
    public static boolean missed(CallStatus status) {
        return status == CallStatus.OPERATOR_NOANSWER || status == CallStatus.OPERATOR_BUSY
                || status == CallStatus.OPERATOR_OFFLINE || status == CallStatus.CLIENT_CANCEL;
    }
}
