package io.callcontrol.face.novofon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.callcontrol.call.CallRecord;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.storage.History;
import io.callcontrol.track.TrackerThread;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * start.employee_call, release.call and list.calls over the daemon's one dialer and one history. The parameters are
 * mapped onto makeCall's {@link CallRequest}, which alone decides whether they are valid; its refusals come back
 * under the face's parameter names.
 */
final class CallMethods {

    static final Set<String> START_PARAMS = Set.of("access_token", "first_call", "contact", "employee",
            "external_id", "virtual_phone_number");
    static final Set<String> EMPLOYEE_PARAMS = Set.of("id", "phone_number");
    static final Set<String> RELEASE_PARAMS = Set.of("access_token", "call_session_id");
    static final Set<String> LIST_PARAMS = Set.of("access_token");
    /** The order of a call started without external_id, so that orderHistory can still find it. */
    static final String DEFAULT_ORDER = "novofon";

    private static final Map<String, String> FIRST = Map.of("employee", "operator", "contact", "client");

    private final Dialer dialer;
    private final History history;

    CallMethods(Dialer dialer, History history) {
        this.dialer = dialer;
        this.history = history;
    }

    /** Places the call as makeCall would; the answer's {@code call_session_id} is its call_id. */
    JsonNode startEmployeeCall(Params p) throws RpcException {
        p.only(START_PARAMS);
        Params employee = p.requiredObject("employee").only(EMPLOYEE_PARAMS);
        Long employeeId = employee.number("id");
        String phoneNumber = employee.text("phone_number");
        String sipField = phoneNumber != null ? employee.name("phone_number") : employee.name("id");
        String sip = phoneNumber != null ? phoneNumber : employeeId == null ? null : Long.toString(employeeId);
        String contact = p.text("contact");
        String firstCall = p.requiredText("first_call");
        String externalId = p.text("external_id");
        p.text("virtual_phone_number"); // accepted for compatibility: the caller id is the dialplan's to set
        Map<String, String> fields = Map.of("sip", sipField, "phone", "contact", "order_id", "external_id",
                "first", "first_call");
        try {
            // Each face request is a call of its own: the external key only has to be unique.
            CallRequest request = CallRequest.of(sip, contact, externalId == null ? DEFAULT_ORDER : externalId,
                    "novofon-" + UUID.randomUUID(), FIRST.getOrDefault(firstCall, firstCall));
            CallRecord call = dialer.makeCall(request);
            return JsonNodeFactory.instance.objectNode().put("call_session_id", call.callId());
        } catch (CallRefusedException e) {
            throw refused(e, fields, Map.of("sip", sip == null ? "" : sip, "phone", contact == null ? "" : contact,
                    "order_id", externalId == null ? DEFAULT_ORDER : externalId, "first", firstCall));
        }
    }

    /** Hangs up every leg of a call in progress, as releaseCall does; the answer is empty. */
    JsonNode releaseCall(Params p) throws RpcException {
        p.only(RELEASE_PARAMS);
        long callId = p.requiredNumber("call_session_id");
        Optional<TrackerThread.Releasing> releasing;
        try {
            releasing = dialer.release(callId);
        } catch (CallRefusedException e) {
            throw refused(e, Map.of(), Map.of());
        }
        if (releasing.isEmpty()) {
            String why = history.call(callId).map(call -> "call " + callId + " has ended already, with "
                    + call.status()).orElse("there is no call " + callId);
            throw new RpcException(Fault.CALL_SESSION_NOT_FOUND, "call_session_id", "call_session_id: " + why);
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /** The calls in progress, oldest first, each with its legs. */
    JsonNode listCalls(Params p) throws RpcException {
        p.only(LIST_PARAMS);
        ArrayNode calls = JsonNodeFactory.instance.arrayNode();
        for (CallRecord call : history.callsInProgress()) {
            calls.add(CallView.of(call));
        }
        return calls;
    }

    /**
     * The core's refusal under the face's names: a parameter the request left out is "missed", a bad one "invalid";
     * the core's own trouble (Asterisk or the store unavailable) is an internal error, with the reason.
     */
    private static RpcException refused(CallRefusedException e, Map<String, String> fields, Map<String, String> given) {
        return switch (e.reason()) {
            case INVALID_PARAMETER -> {
                String field = fields.getOrDefault(e.parameter(), e.parameter());
                String value = given.get(e.parameter());
                String why = e.getMessage().substring(e.getMessage().indexOf(':') + 1).trim();
                if ("first".equals(e.parameter())) {
                    why = "must be 'employee' (ring the employee, then the contact) or 'contact'";
                }
                yield new RpcException(value == null || value.isEmpty() ? Fault.REQUIRED_PARAMETER_MISSED
                        : Fault.INVALID_PARAMETER_VALUE, field, field + ": " + why);
            }
            case DUPLICATE_EXTERNAL_KEY, ASTERISK_UNAVAILABLE, STORE_UNAVAILABLE, ORIGINATE_FAILED, NOT_RELEASED ->
                    new RpcException(Fault.INTERNAL_ERROR, null, e.getMessage());
        };
    }
}
