package io.callcontrol.control;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The trace in memory, for tests without a store. */
public final class MemoryTrace implements ActionTrace {

    public final List<CallAction> actions = new CopyOnWriteArrayList<>();

    @Override
    public long accepted(long callId, String action, Party party, String channel, String detail) {
        long id = actions.size() + 1;
        actions.add(new CallAction(id, callId, action, party.apiName(), channel, detail,
                Instant.parse("2025-03-01T10:00:00Z")));
        return id;
    }

    @Override
    public List<CallAction> ofCall(long callId) {
        return actions.stream().filter(a -> a.callId() == callId).toList();
    }

    /** The supervisors of these tests: 1010 to 1019, at PJSIP/{sip}. */
    public static final Supervisors SUPERVISORS = new Supervisors(sip -> sip.matches("101[0-9]"), sip -> "PJSIP/" + sip);

    /** The recording file of the calls of these tests, as RecordingKeeper names them. */
    public static String recording(io.callcontrol.call.CallRecord call) {
        return "2025-03-01/" + call.orderId() + "-" + call.callId() + ".wav";
    }

    /** Call control over {@code history} and {@code link}, operators at PJSIP/{sip}, traced in memory. */
    public static CallControl control(io.callcontrol.storage.History history, ControlLink link) {
        return new CallControl(history, link, new CallLegs(sip -> "PJSIP/" + sip), new MemoryTrace(), SUPERVISORS,
                MemoryTrace::recording);
    }
}
