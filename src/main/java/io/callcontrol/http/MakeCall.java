package io.callcontrol.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.storage.CallRecord;

/** makeCall: places an operator-first call; the answer is the stored call, durable before it is sent. */
final class MakeCall implements ApiMethod {

    /** {@code {"call_id":42,"status":"CALL","order_id":"15","external_key":"24","sip":"1000","phone":"..."}} */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Made(long callId, String status, String orderId, String externalKey, String sip, String phone) {
    }

    private final Dialer dialer;

    MakeCall(Dialer dialer) {
        this.dialer = dialer;
    }

    @Override
    public Object call(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        try {
            CallRecord call = dialer.makeCall(CallRequest.of(
                    p.text("sip"), p.text("phone"), p.text("order_id"), p.text("external_key")));
            return new Made(call.callId(), call.status().name(), call.orderId(), call.externalKey(), call.sip(),
                    call.phone());
        } catch (CallRefusedException e) {
            throw ApiException.refused(e);
        }
    }
}
