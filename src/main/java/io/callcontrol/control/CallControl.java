package io.callcontrol.control;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.FirstParty;
import io.callcontrol.storage.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Control of the calls in progress: which legs each has now, and actions on one leg. An action goes to the channel
 * Asterisk has of that party right now (found by the call's channel id, never built from what the CRM sent), is
 * answered once Asterisk accepted it, and is then recorded in the call's trace ({@link ActionTrace}); the statuses
 * that follow (a FINISH after a hangup) are Asterisk's own, through the tracker, as for any call.
 */
public final class CallControl {

    private static final Logger log = LoggerFactory.getLogger(CallControl.class);
    /** Q.850 normal clearing: what the hung-up party's phone is told. */
    private static final int NORMAL_CLEARING = 16;

    /** An action Asterisk accepted: on which leg, and the id of its row in the trace (0 if it was not recorded). */
    public record Done(CallRecord call, Party party, String channel, long actionId) {
    }

    private final History history;
    private final ControlLink link;
    private final CallLegs legs;
    private final ActionTrace trace;
    private final Supervisors supervisors;
    private final Function<CallRecord, String> recordingOf;
    /** recordCall's check of the state and its action, one at a time per call (striped). */
    private final Object[] recordLocks = new Object[16];

    /**
     * @param recordingOf the call's recording file relative to Asterisk's monitor folder, as the dialplan was given
     *                    it (CC_RECORDING)
     */
    public CallControl(History history, ControlLink link, CallLegs legs, ActionTrace trace, Supervisors supervisors,
            Function<CallRecord, String> recordingOf) {
        this.history = history;
        this.link = link;
        this.legs = legs;
        this.trace = trace;
        this.supervisors = supervisors;
        this.recordingOf = recordingOf;
        for (int i = 0; i < recordLocks.length; i++) {
            recordLocks[i] = new Object();
        }
    }

    /** Every call in progress (of operator {@code sip}, or all when null), oldest first, with its legs now. */
    public List<ActiveCall> activeCalls(String sip) throws ControlRefusedException {
        List<CallRecord> calls = history.callsInProgress();
        List<LiveChannel> channels = calls.isEmpty() ? List.of() : link.channels(null);
        List<ActiveCall> active = new ArrayList<>(calls.size());
        for (CallRecord call : calls) {
            if (sip == null || sip.equals(call.sip())) {
                active.add(new ActiveCall(call, legs.of(call, channels)));
            }
        }
        return active;
    }

    /** Hangs up one party's channel; the other party's end follows from Asterisk (the dialplan, the bridge). */
    public Done hangupLeg(long callId, Party party) throws ControlRefusedException {
        CallRecord call = inProgress(callId);
        CallLeg leg = leg(call, party);
        link.send(call.sip(), new HangupAction(leg.channel(), NORMAL_CLEARING));
        log.info("call {}: {} leg {} hung up through the API", callId, party.apiName(), leg.channel());
        return new Done(call, party, leg.channel(), trace.accepted(callId, "hangup_leg", party, leg.channel(), ""));
    }

    /**
     * Plays the digits to one party (PlayDTMF, a digit per action, as Asterisk takes them), each after the one
     * before was accepted. If Asterisk refuses one, the digits it accepted before are recorded and the answer says
     * which were sent.
     */
    public Done sendDtmf(long callId, Party party, Dtmf dtmf) throws ControlRefusedException {
        CallRecord call = inProgress(callId);
        CallLeg leg = leg(call, party);
        String digits = dtmf.digits();
        for (int i = 0; i < digits.length(); i++) {
            try {
                link.send(call.sip(), new PlayDtmfAction(leg.channel(), digits.substring(i, i + 1)));
            } catch (ControlRefusedException e) {
                if (i > 0) {
                    trace.accepted(callId, "send_dtmf", party, leg.channel(), digits.substring(0, i));
                }
                throw ControlRefusedException.of(e.reason(), e.getMessage() + (i == 0 ? "; no digit was sent"
                        : "; the digits before it were sent: '" + digits.substring(0, i) + "'"));
            }
        }
        log.info("call {}: {} DTMF digits played to the {} ({})", callId, digits.length(), party.apiName(),
                leg.channel());
        return new Done(call, party, leg.channel(), trace.accepted(callId, "send_dtmf", party, leg.channel(), digits));
    }

    /**
     * Rings a supervisor's phone, which listens in on the operator's leg once answered ({@code mode}: listen,
     * whisper to the operator, or barge in), until either hangs up. Answered once Asterisk accepted the Originate:
     * the supervisor's phone rings then.
     */
    public Done spyCall(long callId, String supervisor, SpyMode mode) throws ControlRefusedException {
        String phone = supervisors.check(supervisor);
        CallRecord call = inProgress(callId);
        if (phone.equals(call.sip())) {
            throw ControlRefusedException.invalid("supervisor", "'" + phone + "' is the call's own operator;"
                    + " nothing was done");
        }
        CallLeg leg = leg(call, Party.OPERATOR);
        link.send(call.sip(), supervisors.spy(phone, leg.channel(), mode, callId));
        log.info("call {}: supervisor {} rung to {} on the operator's leg {}", callId, phone, mode.apiName(),
                leg.channel());
        String detail = mode.apiName() + " by " + phone;
        return new Done(call, Party.OPERATOR, leg.channel(), trace.accepted(callId, "spy_call", Party.OPERATOR,
                leg.channel(), detail));
    }

    /**
     * Pauses, resumes, stops or starts again the call's recording, on the originated channel (the one the dialplan
     * started MixMonitor on: the operator's, or the client's in a client-first call). The state comes from the
     * call's trace; an action the state does not allow is refused before anything is sent. A start that Asterisk
     * refuses for want of permission says which the AMI user lacks.
     */
    public Done recordCall(long callId, RecordAction action) throws ControlRefusedException {
        synchronized (recordLocks[(int) Math.floorMod(callId, recordLocks.length)]) {
            CallRecord call = inProgress(callId);
            RecordingState.of(trace.ofCall(callId)).allow(action, callId);
            Party party = call.first() == FirstParty.CLIENT ? Party.CLIENT : Party.OPERATOR;
            CallLeg leg = legs.of(call, link.channels(call.sip())).stream()
                    .filter(l -> l.uniqueId().equals(call.channelId())).findFirst()
                    .orElseThrow(() -> new ControlRefusedException(ControlRefusedException.Reason.LEG_NOT_PRESENT,
                            "call_id", "call_id: call " + callId + " has no " + party.apiName() + " channel in"
                            + " Asterisk now (at " + call.status() + "), which its recording is on; nothing was done"));
            try {
                link.send(call.sip(), action.ami(leg.channel(), recordingOf.apply(call)));
            } catch (ControlRefusedException e) {
                if (action == RecordAction.START && e.reason() == ControlRefusedException.Reason.ASTERISK_REFUSED
                        && e.getMessage().contains("Permission denied")) {
                    throw ControlRefusedException.of(e.reason(), e.getMessage() + "; the daemon's AMI user needs"
                            + " 'write = ...,system' in Asterisk's manager.conf to start MixMonitor (recordCall"
                            + " action=start); nothing was done");
                }
                throw e;
            }
            log.info("call {}: recording {} on {} through the API", callId, action.apiName(), leg.channel());
            return new Done(call, party, leg.channel(), trace.accepted(callId, RecordingState.ACTION, party,
                    leg.channel(), action.apiName()));
        }
    }

    /** The actions recorded for a call, oldest first; the call must exist. */
    public List<CallAction> actions(long callId) throws ControlRefusedException {
        if (history.call(callId).isEmpty()) {
            throw new ControlRefusedException(ControlRefusedException.Reason.UNKNOWN_CALL, "call_id",
                    "call_id: there is no call " + callId);
        }
        return trace.ofCall(callId);
    }

    /** The call, if it is in progress; otherwise why not. */
    private CallRecord inProgress(long callId) throws ControlRefusedException {
        Optional<CallRecord> call = history.call(callId);
        if (call.isEmpty()) {
            throw new ControlRefusedException(ControlRefusedException.Reason.UNKNOWN_CALL, "call_id",
                    "call_id: there is no call " + callId);
        }
        if (call.get().endedAt() != null) {
            throw new ControlRefusedException(ControlRefusedException.Reason.CALL_ENDED, "call_id",
                    "call_id: call " + callId + " has ended already, with " + call.get().status());
        }
        return call.get();
    }

    private CallLeg leg(CallRecord call, Party party) throws ControlRefusedException {
        return CallLegs.target(legs.of(call, link.channels(call.sip())), party).orElseThrow(() -> new ControlRefusedException(
                ControlRefusedException.Reason.LEG_NOT_PRESENT, "leg", "leg: call " + call.callId() + " has no "
                + party.apiName() + " channel in Asterisk now (at " + call.status() + ": not dialled yet, or gone);"
                + " nothing was done"));
    }
}
