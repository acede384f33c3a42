package io.callcontrol.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callcontrol.call.CallRecord;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.schedule.AttemptKeys;

/**
 * makeCall: places a call, operator first unless {@code first=client} (also spelt {@code first_call}); the answer
 * is the stored call, durable before it is sent. With any scheduling parameter the call is scheduled instead, and
 * the answer is the stored schedule.
 */
final class MakeCall implements ApiMethod {

    /** {@code {"call_id":42,"status":"CALL","order_id":"15","external_key":"24","sip":"1000","phone":"..."}} */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Made(long callId, String status, String orderId, String externalKey, String sip, String phone,
            String first) {
    }

    private final Dialer dialer;
    private final ScheduleMethods scheduled;

    MakeCall(Dialer dialer, ScheduleMethods scheduled) {
        this.dialer = dialer;
        this.scheduled = scheduled;
    }

    @Override
    public Object call(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        try {
            CallRequest asked = CallRequest.of(
                    p.text("sip"), p.text("phone"), p.text("order_id"), p.text("external_key"), first(p));
            if (ScheduleMethods.asked(p)) {
                return scheduled.schedule(asked, p);
            }
            AttemptKeys.refuseReserved(asked);
            CallRecord call = dialer.makeCall(asked);
            return new Made(call.callId(), call.status().name(), call.orderId(), call.externalKey(), call.sip(),
                    call.phone(), call.first().apiName());
        } catch (CallRefusedException e) {
            throw ApiException.refused(e);
        }
    }

    /** {@code first}, or its other spelling {@code first_call}; both given must agree. */
    private static String first(ApiParams p) throws ApiException {
        String first = p.text("first");
        String firstCall = p.text("first_call");
        if (first != null && firstCall != null && !first.equals(firstCall)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "first",
                    "first: '" + first + "' and first_call: '" + firstCall + "' disagree; give one of them");
        }
        return first != null ? first : firstCall;
    }
}
