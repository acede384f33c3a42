package io.callcontrol.control;

import io.callcontrol.call.CallRecord;
import java.util.List;

/** A call in progress as the store has it, with the legs Asterisk has of it right now. */
public record ActiveCall(CallRecord call, List<CallLeg> legs) {
}
