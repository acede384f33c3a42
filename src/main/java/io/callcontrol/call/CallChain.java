package io.callcontrol.call;

import java.util.List;

/** A call and its status events in id order, as read in one snapshot of the store. */
public record CallChain(CallRecord call, List<StatusEvent> history) {
}
