package io.callcontrol.track;

import io.callcontrol.call.CallProgress;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The calls the tracker thread follows, and the rules that settle them against the channels Asterisk has after a
 * (re)connect: which ended unseen, and which, resumed at CALL after a stop, never had their Originate sent. Used by
 * the tracker thread only; the map is concurrent so that a scrape can read its size.
 */
final class FollowedCalls {

    /** A call followed: what it was asked, where it stands, and when its Originate went out (or null). */
    record Active(CallRecord call, CallProgress progress, boolean connected, Instant sentAt) {
    }

    /** A call younger than this may have no channel yet: its Originate is still on its way. */
    static final Duration ORIGINATE_GRACE = Duration.ofSeconds(5);

    private final Map<Long, Active> active = new ConcurrentHashMap<>();
    /** Calls resumed at CALL: whether their Originate went out before the stop is learnt from Asterisk's channels. */
    private final Set<Long> unsure = new HashSet<>();

    /** Calls that were in progress when their daemon stopped, as the store has them. */
    void resume(Collection<CallRecord> inProgress) {
        for (CallRecord call : inProgress) {
            boolean atCall = call.status() == CallStatus.CALL;
            active.put(call.callId(), new Active(call, CallProgress.of(call.first(), call.status()),
                    call.status() == call.first().connected(), atCall ? null : call.createdAt()));
            if (atCall) {
                unsure.add(call.callId());
            }
        }
    }

    /** A new call, before its Originate is sent. */
    void track(CallRecord call) {
        active.put(call.callId(), new Active(call, CallProgress.started(call.first()), false, null));
    }

    void sent(long callId, Instant at) {
        active.computeIfPresent(callId, (id, a) -> new Active(a.call(), a.progress(), a.connected(), at));
    }

    Active get(long callId) {
        return active.get(callId);
    }

    void put(Active call) {
        active.put(call.call().callId(), call);
    }

    void remove(long callId) {
        active.remove(callId);
    }

    int size() {
        return active.size();
    }

    /**
     * The calls of the server reconciled ({@code onServer}) resumed at CALL that Asterisk has no channel of: their Originate did not go out before the stop
     * (they waited their turn), so they are to be sent now, in call order. Those with a live channel were sent: from
     * here on they are settled like any other.
     */
    List<CallRecord> notSent(Set<String> liveChannelIds, Instant asOf, Predicate<String> onServer) {
        List<Long> resumed = unsure.stream().sorted().toList();
        List<CallRecord> notSent = new ArrayList<>();
        for (long callId : resumed) {
            Active a = active.get(callId);
            if (a != null && !onServer.test(a.call().sip())) {
                continue; // another server's: its own reconcile tells
            }
            unsure.remove(callId);
            if (a == null || a.sentAt() != null) {
                continue;
            }
            if (liveChannelIds.contains(a.call().channelId())) {
                active.put(callId, new Active(a.call(), a.progress(), a.connected(), asOf));
            } else {
                notSent.add(a.call());
            }
        }
        return notSent;
    }

    /**
     * The calls of the server reconciled ({@code onServer}) that ended unseen: sent longer than {@link #ORIGINATE_GRACE} before {@code asOf}, and without a
     * channel now. A call whose Originate waits its turn (dial.max.rate) has no channel yet, and is not lost.
     */
    List<Long> lost(Set<String> liveChannelIds, Instant asOf, Predicate<String> onServer) {
        Instant settled = asOf.minus(ORIGINATE_GRACE);
        return active.values().stream()
                .filter(a -> onServer.test(a.call().sip()))
                .filter(a -> a.sentAt() != null && a.sentAt().isBefore(settled))
                .filter(a -> !liveChannelIds.contains(a.call().channelId()))
                .map(a -> a.call().callId())
                .toList();
    }
}
