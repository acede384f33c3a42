package io.callcontrol.face.novofon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.callcontrol.control.CallControl;
import io.callcontrol.control.ControlRefusedException;
import io.callcontrol.control.Dtmf;
import io.callcontrol.control.Party;
import io.callcontrol.control.SpyMode;
import java.util.Map;
import java.util.Set;

/**
 * disconnect.leg, send.dtmf and add.coach over the daemon's one call control ({@link CallControl}): each answers
 * once Asterisk accepted the action, and is in the call's callActions. A leg is named by its {@code leg_id} from
 * list.calls ({@link CallView#legId}); the core's refusals come back under the face's parameter names.
 */
final class ControlCalls {

    static final Set<String> DISCONNECT_PARAMS = Set.of("access_token", "call_session_id", "leg_id");
    static final Set<String> DTMF_PARAMS = Set.of("access_token", "call_session_id", "dtmf");
    static final Set<String> COACH_PARAMS = Set.of("access_token", "call_session_id", "coach", "mode");
    static final Set<String> COACH_FIELDS = Set.of("id", "phone_number");

    private final CallControl control;

    ControlCalls(CallControl control) {
        this.control = control;
    }

    /** Hangs up one participant: the employee's leg or the contact's, as list.calls named it. */
    JsonNode disconnectLeg(Params p) throws RpcException {
        p.only(DISCONNECT_PARAMS);
        long callId = p.requiredNumber("call_session_id");
        long legId = p.requiredNumber("leg_id");
        Party party = CallView.partyOf(callId, legId);
        if (party == null) {
            throw new RpcException(Fault.INVALID_PARAMETER_VALUE, "leg_id", "leg_id: " + legId + " is not a leg of"
                    + " call session " + callId + " (list.calls names its legs)");
        }
        try {
            control.hangupLeg(callId, party);
        } catch (ControlRefusedException e) {
            throw refused(e, "leg_id");
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /** Plays the employee's DTMF digits to the contact (an IVR on the contact's side). */
    JsonNode sendDtmf(Params p) throws RpcException {
        p.only(DTMF_PARAMS);
        long callId = p.requiredNumber("call_session_id");
        String digits = p.requiredText("dtmf");
        try {
            control.sendDtmf(callId, Party.CLIENT, Dtmf.parse(digits));
        } catch (ControlRefusedException e) {
            throw refused(e, "call_session_id");
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Rings the coach's phone into the conversation on the employee's side: {@code mode} listen (the default),
     * whisper (only the employee hears the coach) or barge (both parties do); the coach must be a supervisor's phone.
     */
    JsonNode addCoach(Params p) throws RpcException {
        p.only(COACH_PARAMS);
        long callId = p.requiredNumber("call_session_id");
        Params coach = p.requiredObject("coach").only(COACH_FIELDS);
        String phone = coach.text("phone_number");
        Long id = coach.number("id");
        if (phone == null && id == null) {
            throw new RpcException(Fault.REQUIRED_PARAMETER_MISSED, coach.name("phone_number"),
                    coach.name("phone_number") + ": the coach's phone number (or id) is required");
        }
        String sip = phone != null ? phone : Long.toString(id);
        String mode = p.text("mode");
        try {
            control.spyCall(callId, sip, SpyMode.parse("mode", mode));
        } catch (ControlRefusedException e) {
            throw refused(e, coach.name(phone != null ? "phone_number" : "id"));
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * The core's refusal in the face's terms: no such session (or ended) is call_session_not_found, a bad value
     * invalid_parameter_value under the face's name ({@code legField} for the party), Asterisk's trouble an internal
     * error with the reason. Nothing was done in any of them.
     */
    private static RpcException refused(ControlRefusedException e, String legField) {
        return switch (e.reason()) {
            case UNKNOWN_CALL, CALL_ENDED -> new RpcException(Fault.CALL_SESSION_NOT_FOUND, "call_session_id",
                    "call_session_id: " + afterParameter(e.getMessage()));
            case INVALID_PARAMETER -> {
                String field = Map.of("digits", "dtmf", "supervisor", legField, "mode", "mode")
                        .getOrDefault(e.parameter(), e.parameter());
                yield new RpcException(Fault.INVALID_PARAMETER_VALUE, field, field + ": "
                        + afterParameter(e.getMessage()));
            }
            case LEG_NOT_PRESENT -> new RpcException(Fault.INVALID_PARAMETER_VALUE, legField, legField + ": "
                    + afterParameter(e.getMessage()));
            case ASTERISK_REFUSED, ASTERISK_UNAVAILABLE, RECORDING_PAUSED, RECORDING_NOT_PAUSED, RECORDING_STOPPED,
                    RECORDING_RUNNING -> new RpcException(Fault.INTERNAL_ERROR, null, e.getMessage());
        };
    }

    private static String afterParameter(String message) {
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }
}
