package io.callcontrol.face.novofon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.control.Party;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A call in progress as list.calls shows it: the session and its legs, one per party the call has dialled so far,
 * each in the state our status gives it (docs/FACES.md has the table). Pure: no I/O.
 */
final class CallView {

    /** The contract's time format, {@code YYYY-MM-DDThh:mm:ssZ}, in UTC. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** A leg's state: dialled and not answered yet ({@code calling} before it rings), or answered. */
    enum LegState {
        CALLING, RINGING, CONNECTED;

        String wire() {
            return name().toLowerCase();
        }
    }

    private CallView() {
    }

    static ObjectNode of(CallRecord call) {
        ObjectNode view = JsonNodeFactory.instance.objectNode()
                .put("call_session_id", call.callId())
                .put("start_time", TIME.format(call.createdAt()))
                .put("direction", "out")
                .put("first_call", call.first() == FirstParty.CLIENT ? "contact" : "employee")
                .put("external_id", call.orderId())
                .putNull("virtual_phone_number")
                .put("status", call.status().name());
        ArrayNode legs = view.putArray("legs");
        boolean operatorFirst = call.first() == FirstParty.OPERATOR;
        LegState first = firstLeg(call.status(), call.first());
        LegState second = secondLeg(call.status(), call.first());
        if (first != null) {
            legs.add(operatorFirst ? employee(call, first) : contact(call, first));
        }
        if (second != null) {
            legs.add(operatorFirst ? contact(call, second) : employee(call, second));
        }
        return view;
    }

    /** The originated leg's state at {@code status}; null once the call has ended. */
    static LegState firstLeg(CallStatus status, FirstParty first) {
        if (status.isTerminal()) {
            return null;
        }
        if (status == CallStatus.CALL) {
            return LegState.CALLING;
        }
        return status == first.ringing() ? LegState.RINGING : LegState.CONNECTED;
    }

    /** The second party's leg at {@code status}; null before it is dialled or once the call has ended. */
    static LegState secondLeg(CallStatus status, FirstParty first) {
        if (status == first.dialling()) {
            return LegState.RINGING;
        }
        return status == first.connected() ? LegState.CONNECTED : null;
    }

    /**
     * A leg's id: the call session's id and a digit for the party, 1 the employee's leg, 2 the contact's (call 42's
     * legs are 421 and 422), so that disconnect.leg can name one.
     */
    static long legId(long callId, Party party) {
        return callId * 10 + (party == Party.OPERATOR ? 1 : 2);
    }

    /** The party of {@code legId} when it is a leg of call {@code callId}; null when it is not. */
    static Party partyOf(long callId, long legId) {
        if (legId == legId(callId, Party.OPERATOR)) {
            return Party.OPERATOR;
        }
        return legId == legId(callId, Party.CLIENT) ? Party.CLIENT : null;
    }

    private static ObjectNode employee(CallRecord call, LegState state) {
        ObjectNode leg = leg(legId(call.callId(), Party.OPERATOR), "employee", state);
        leg.put("employee_id", new BigInteger(call.sip()));
        leg.put("phone_number", call.sip());
        return leg;
    }

    private static ObjectNode contact(CallRecord call, LegState state) {
        ObjectNode leg = leg(legId(call.callId(), Party.CLIENT), "contact", state);
        leg.putNull("employee_id");
        leg.put("phone_number", call.phone());
        return leg;
    }

    private static ObjectNode leg(long legId, String type, LegState state) {
        ObjectNode leg = JsonNodeFactory.instance.objectNode().put("leg_id", legId).put("type", type);
        leg.put("state", state.wire());
        return leg;
    }
}
