package io.callcontrol.track;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.ChannelFact;
import io.callcontrol.call.Fact;
import io.callcontrol.inbound.InboundCalls;
import io.callcontrol.inbound.OperatorLegFact;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.storage.CallStore;
import io.callcontrol.track.TrackerThread.Releasing;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the tracker thread does with each item {@link TrackerThread} queued: AMI's and the daemon's facts to the calls they
 * concern, new calls, reconciles, releases and the operators' presence. The tracker thread's only; not thread-safe.
 */
final class TrackerWork {

    private static final Logger log = LoggerFactory.getLogger(TrackerThread.class);

    record Track(CallRecord call) {
    }

    record Sent(long callId, Instant at) {
    }

    record Presence(String sip, OperatorStatus status, String deviceState) {
    }

    record Reconcile(Set<String> liveChannelIds, Instant asOf, String why, Predicate<String> onServer) {
    }

    /** A fact from one Asterisk server's link: it counts only for a call placed on that server. */
    record ServerFact(ChannelFact told, Predicate<CallRecord> placedThere) {
    }

    record Adopt(List<CallRecord> calls) {
    }

    record Release(long callId, CompletableFuture<Optional<Releasing>> answer) {
    }

    private final PlacedCalls placed;
    private final InboundCalls inbound;
    private final CallStore store;
    private final Map<String, Presence> presence = new HashMap<>();

    TrackerWork(PlacedCalls placed, InboundCalls inbound, CallStore store) {
        this.placed = placed;
        this.inbound = inbound;
        this.store = store;
    }

    /** Does what {@code item} asks, on the tracker thread. */
    void handle(Object item) {
        if (item instanceof ChannelFact told) {
            placed.applyIfOwn(told);
        } else if (item instanceof ServerFact server) {
            FollowedCalls.Active current = placed.get(server.told().fact().callId());
            // another server's event naming this call cannot be of it: channel ids are unique across servers
            if (current == null || server.placedThere().test(current.call())) {
                placed.applyIfOwn(server.told());
            }
        } else if (item instanceof Fact fact) {
            placed.apply(fact);
        } else if (item instanceof OperatorLegFact fact) {
            inbound.apply(fact, Instant.now());
        } else if (item instanceof Track track) {
            placed.track(track.call());
        } else if (item instanceof Sent sent) {
            placed.sent(sent.callId(), sent.at());
        } else if (item instanceof Presence p) {
            // most device state events repeat what is known: skip the store's read-compare for them
            if (!p.equals(presence.put(p.sip(), p))) {
                store.setOperatorPresence(p.sip(), p.status(), p.deviceState());
            }
        } else if (item instanceof Reconcile r) {
            placed.closeLost(r.liveChannelIds(), r.asOf(), r.why(), r.onServer());
            int inboundLost = inbound.closeLost(r.liveChannelIds(), r.asOf(), r.why(), r.onServer());
            if (inboundLost > 0) {
                log.warn("tracker: {} inbound calls ended while {}", inboundLost, r.why());
            }
        } else if (item instanceof Adopt a) {
            placed.resume(a.calls());
            inbound.resume(a.calls());
        } else if (item instanceof Release r) {
            FollowedCalls.Active call = placed.get(r.callId());
            if (call != null) {
                placed.apply(new Fact.Released(r.callId()));
            }
            r.answer().complete(Optional.ofNullable(call)
                    .map(c -> new Releasing(c.call(), c.progress().status())));
        }
    }
}
