package io.callcontrol.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callcontrol.call.CallRecord;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.Dialer;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.storage.History;
import io.callcontrol.track.TrackerThread;
import java.util.Optional;

/** releaseCall: hangs up every leg of a call in progress; its final status follows in callHistory. */
final class ReleaseCall implements ApiMethod {

    /** {@code {"call_id":42,"order_id":"15","status":"CLIENT_CALLTO","released":true}}: where it stood when released. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Released(long callId, String orderId, String status, boolean released) {
    }

    private final Dialer dialer;
    private final History history;

    ReleaseCall(Dialer dialer, History history) {
        this.dialer = dialer;
        this.history = history;
    }

    @Override
    public Object call(ApiRequest request) throws ApiException {
        long callId = request.params().requiredNumber("call_id", 1);
        Optional<TrackerThread.Releasing> releasing;
        try {
            releasing = dialer.release(callId);
        } catch (CallRefusedException e) {
            throw ApiException.refused(e);
        }
        if (releasing.isPresent()) {
            CallRecord call = releasing.get().call();
            return new Released(callId, call.orderId(), releasing.get().status().name(), true);
        }
        CallRecord ended = history.call(callId).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "call_id", "call_id: there is no call " + callId));
        throw new ApiException(ErrorCode.CALL_ENDED, "call_id",
                "call_id: call " + callId + " has ended already, with " + ended.status());
    }
}
