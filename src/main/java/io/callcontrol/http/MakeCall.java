package io.callcontrol.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.storage.CallRecord;

/**
 * makeCall: places an operator-first call; the answer is the stored call, durable before it is sent. With any
 * scheduling parameter the call is scheduled instead, and the answer is the stored schedule.
 */
final class MakeCall implements ApiMethod {

    /** {@code {"call_id":42,"status":"CALL","order_id":"15","external_key":"24","sip":"1000","phone":"..."}} */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Made(long callId, String status, String orderId, String externalKey, String sip, String phone) {
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
                    p.text("sip"), p.text("phone"), p.text("order_id"), p.text("external_key"));
            if (ScheduleMethods.asked(p)) {
                return scheduled.schedule(asked, p);
            }
            scheduled.refuseScheduledKey(asked);
            CallRecord call = dialer.makeCall(asked);
            return new Made(call.callId(), call.status().name(), call.orderId(), call.externalKey(), call.sip(),
                    call.phone());
        } catch (CallRefusedException e) {
            throw ApiException.refused(e);
        }
    }
}
