package io.callcontrol.push;

import io.callcontrol.call.StatusEvent;
import io.callcontrol.operator.OperatorEvent;
import io.callcontrol.recording.Recording;
import java.time.Instant;

/**
 * One event of the store's event log, the push feeds' outbox: a status change, a recording ready, or an operator's
 * presence change. All three share one sequence of ids ({@link #id()}), in commit order; a status keeps the id
 * callHistory gives it.
 */
public sealed interface LoggedEvent permits LoggedEvent.Status, LoggedEvent.RecordingReady, LoggedEvent.Presence {

    long id();

    /**
     * A status change, with its call's operator and client; {@code pickedUpAt} is when the client answered, given
     * on the FINISH of a connected call (null otherwise).
     */
    record Status(StatusEvent event, String sip, String phone, Instant pickedUpAt) implements LoggedEvent {
        @Override
        public long id() {
            return event.id();
        }
    }

    /** A call's recording was linked: its file is closed and can be fetched. */
    record RecordingReady(long id, Recording recording, String sip, String phone) implements LoggedEvent {
    }

    /** An operator's presence changed. */
    record Presence(long id, OperatorEvent event) implements LoggedEvent {
    }
}
