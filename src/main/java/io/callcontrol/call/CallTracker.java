package io.callcontrol.call;

import java.util.List;

/**
 * The call state machine: (progress, fact) → (progress, statuses). Pure: no I/O, no clock, no threads.
 * The status chain only moves forward and a terminal status ends it, so a fact seen twice, or a fact that
 * arrives after a later one, emits nothing. Facts speak of legs (originated, dialled); the call's
 * {@link FirstParty} says which party each leg is, and so which statuses they mean. The mapping is documented in
 * the README ("Status mapping").
 */
public final class CallTracker {

    /** The detail of a call ended by releaseCall. */
    static final String RELEASED = "released through the API (releaseCall)";
    /** A failure of the originated leg told by the channel's hangup alone, without an OriginateResponse. */
    static final int NO_REASON = -1;

    private CallTracker() {
    }

    /** The outcome of one fact: the call's new progress and the statuses to record, in order (often none). */
    public record Step(CallProgress progress, List<StatusChange> changes) {
        public Step {
            changes = List.copyOf(changes);
        }
    }

    public static Step next(CallProgress progress, Fact fact) {
        if (progress.ended()) {
            return new Step(progress, List.of());
        }
        Transition t = progress.first() == FirstParty.OPERATOR
                ? new OperatorFirst(progress) : new ClientFirst(progress);
        t.apply(fact);
        return t.step();
    }
}
