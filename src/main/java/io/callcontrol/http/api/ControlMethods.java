package io.callcontrol.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import io.callcontrol.call.CallRecord;
import io.callcontrol.control.ActiveCall;
import io.callcontrol.control.CallControl;
import io.callcontrol.control.ControlRefusedException;
import io.callcontrol.control.Dtmf;
import io.callcontrol.control.Party;
import io.callcontrol.control.RecordAction;
import io.callcontrol.control.SpyMode;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.render.TimeFormat;
import java.util.List;

/** activeCalls, hangupLeg, sendDtmf, spyCall, recordCall and callActions: the thin API over {@link CallControl}. */
final class ControlMethods {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Leg(String party, String channel, String number, String state, String since) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Active(long callId, String orderId, String sip, String phone, String first, String status,
                  String createdAt,
                  @JacksonXmlElementWrapper(localName = "legs") @JacksonXmlProperty(localName = "leg")
                  List<Leg> legs) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ActiveCalls(@JacksonXmlElementWrapper(localName = "calls") @JacksonXmlProperty(localName = "call")
                       List<Active> calls) {
    }

    /** An action Asterisk accepted: {@code action_id} is its row in callActions (0 if it could not be recorded). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Done(long callId, String orderId, String leg, String channel, String action, String detail,
                long actionId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Action(long id, String action, String leg, String channel, String detail, String time) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Actions(long callId,
                   @JacksonXmlElementWrapper(localName = "actions") @JacksonXmlProperty(localName = "action")
                   List<Action> actions) {
    }

    private final CallControl control;
    private final TimeFormat time;

    ControlMethods(CallControl control, TimeFormat time) {
        this.control = control;
        this.time = time;
    }

    Object activeCalls(ApiRequest request) throws ApiException {
        String sip = request.params().optionalSip();
        try {
            return new ActiveCalls(control.activeCalls(sip).stream().map(this::active).toList());
        } catch (ControlRefusedException e) {
            throw refused(e);
        }
    }

    Object hangupLeg(ApiRequest request) throws ApiException {
        long callId = request.params().requiredNumber("call_id", 1);
        Party party = party(request.params());
        try {
            return done(control.hangupLeg(callId, party), "hangup_leg", "");
        } catch (ControlRefusedException e) {
            throw refused(e);
        }
    }

    Object sendDtmf(ApiRequest request) throws ApiException {
        long callId = request.params().requiredNumber("call_id", 1);
        try {
            Dtmf digits = Dtmf.parse(request.params().text("digits"));
            Party party = request.params().text("leg") == null ? Party.CLIENT : party(request.params());
            return done(control.sendDtmf(callId, party, digits), "send_dtmf", digits.digits());
        } catch (ControlRefusedException e) {
            throw refused(e);
        }
    }

    Object spyCall(ApiRequest request) throws ApiException {
        long callId = request.params().requiredNumber("call_id", 1);
        String supervisor = request.params().sipNumber("supervisor");
        try {
            SpyMode mode = SpyMode.parse("mode", request.params().text("mode"));
            return done(control.spyCall(callId, supervisor, mode), "spy_call", mode.apiName() + " by " + supervisor);
        } catch (ControlRefusedException e) {
            throw refused(e);
        }
    }

    Object recordCall(ApiRequest request) throws ApiException {
        long callId = request.params().requiredNumber("call_id", 1);
        try {
            RecordAction action = RecordAction.parse("action", request.params().text("action"));
            return done(control.recordCall(callId, action), "record_call", action.apiName());
        } catch (ControlRefusedException e) {
            throw refused(e);
        }
    }

    Object callActions(ApiRequest request) throws ApiException {
        long callId = request.params().requiredNumber("call_id", 1);
        try {
            return new Actions(callId, control.actions(callId).stream()
                    .map(a -> new Action(a.id(), a.action(), a.party(), a.channel(), a.detail(), time.format(a.at())))
                    .toList());
        } catch (ControlRefusedException e) {
            throw refused(e);
        }
    }

    private static Party party(ApiParams p) throws ApiException {
        String leg = p.text("leg");
        if (leg == null) {
            throw ApiException.invalid("leg", "is required: operator or client");
        }
        try {
            return Party.parse("leg", leg);
        } catch (ControlRefusedException e) {
            throw refused(e);
        }
    }

    private Active active(ActiveCall a) {
        CallRecord c = a.call();
        return new Active(c.callId(), c.orderId(), c.sip(), c.phone(), c.first().apiName(), c.status().name(),
                time.format(c.createdAt()), a.legs().stream().map(leg -> new Leg(leg.party().apiName(),
                        leg.channel(), leg.number(), leg.state(), time.format(leg.since()))).toList());
    }

    private static Done done(CallControl.Done done, String action, String detail) {
        return new Done(done.call().callId(), done.call().orderId(), done.party().apiName(), done.channel(), action,
                detail, done.actionId());
    }

    static ApiException refused(ControlRefusedException e) {
        return switch (e.reason()) {
            case INVALID_PARAMETER -> new ApiException(ErrorCode.INVALID_PARAMETER, e.parameter(), e.getMessage());
            case UNKNOWN_CALL -> new ApiException(ErrorCode.NOT_FOUND, e.parameter(), e.getMessage());
            case CALL_ENDED -> new ApiException(ErrorCode.CALL_ENDED, e.parameter(), e.getMessage());
            case LEG_NOT_PRESENT -> new ApiException(ErrorCode.LEG_NOT_PRESENT, e.parameter(), e.getMessage());
            case RECORDING_PAUSED -> new ApiException(ErrorCode.RECORDING_PAUSED, e.parameter(), e.getMessage());
            case RECORDING_NOT_PAUSED -> new ApiException(ErrorCode.RECORDING_NOT_PAUSED, e.parameter(),
                    e.getMessage());
            case RECORDING_STOPPED -> new ApiException(ErrorCode.RECORDING_STOPPED, e.parameter(), e.getMessage());
            case RECORDING_RUNNING -> new ApiException(ErrorCode.RECORDING_RUNNING, e.parameter(), e.getMessage());
            case ASTERISK_REFUSED -> ApiException.of(ErrorCode.ASTERISK_REFUSED, e.getMessage());
            case ASTERISK_UNAVAILABLE -> ApiException.of(ErrorCode.ASTERISK_UNAVAILABLE, e.getMessage());
        };
    }
}
