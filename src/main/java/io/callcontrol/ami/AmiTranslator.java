package io.callcontrol.ami;

import io.callcontrol.call.ChannelIds;
import io.callcontrol.call.Fact;
import io.callcontrol.call.Leg;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;

/**
 * Turns AMI events into call facts. Pure and cheap, so it may run on asterisk-java's event thread.
 * A call's operator channel has the daemon's ChannelId as Uniqueid; every other leg has it as Linkedid.
 */
public final class AmiTranslator {

    private static final int STATE_RINGING = 5;
    private static final int STATE_UP = 6;

    private final Predicate<String> knownDevice;

    /** @param knownDevice whether Asterisk has told of this device (e.g. PJSIP/1000): unknown means no endpoint */
    public AmiTranslator(Predicate<String> knownDevice) {
        this.knownDevice = knownDevice;
    }

    /** The call fact an event tells, or null when it tells nothing about one of our calls. */
    public Fact fact(ManagerEvent event) {
        if (event instanceof NewStateEvent e) {
            return newState(operatorCall(e.getUniqueId()), e.getChannelState());
        }
        if (event instanceof OriginateResponseEvent e) {
            return originateResponse(e);
        }
        if (event instanceof DialBeginEvent e) {
            OptionalLong call = operatorCall(e.getUniqueId());
            return call.isPresent() ? new Fact.DialBegan(call.getAsLong()) : null;
        }
        if (event instanceof DialEndEvent e) {
            OptionalLong call = operatorCall(e.getUniqueId());
            return call.isPresent() ? new Fact.DialEnded(call.getAsLong(), text(e.getDialStatus())) : null;
        }
        if (event instanceof HangupEvent e) {
            OptionalLong call = ChannelIds.callId(e.getLinkedId());
            return call.isPresent() && e.getCause() != null
                    ? new Fact.ChannelGone(call.getAsLong(), leg(e.getUniqueId(), e.getLinkedId()), e.getCause(),
                            e instanceof HangupWithTechCauseEvent t ? text(t.getTechCause()) : "")
                    : null;
        }
        if (event instanceof HangupRequestEvent e) {
            OptionalLong call = ChannelIds.callId(e.getLinkedId());
            return call.isPresent() && e.getCause() != null
                    ? new Fact.HangupCause(call.getAsLong(), leg(e.getUniqueId(), e.getLinkedId()), e.getCause(),
                            e instanceof HangupRequestWithTechCauseEvent t ? text(t.getTechCause()) : "")
                    : null;
        }
        if (event instanceof NewChannelEvent e) {
            OptionalLong call = operatorCall(e.getUniqueId());
            return call.isPresent() ? new Fact.ChannelCreated(call.getAsLong(), Leg.ORIGINATED) : null;
        }
        return null;
    }

    private Fact originateResponse(OriginateResponseEvent e) {
        OptionalLong call = operatorCall(e.getUniqueId());
        if (call.isEmpty()) {
            return null;
        }
        if ("Success".equalsIgnoreCase(e.getResponse())) {
            return new Fact.Answered(call.getAsLong());
        }
        int reason = e.getReason() == null ? 0 : e.getReason();
        return new Fact.OriginateFailed(call.getAsLong(), reason, knownDevice.test(text(e.getChannel())));
    }

    private static Fact newState(OptionalLong call, Integer state) {
        if (call.isEmpty() || state == null) {
            return null;
        }
        if (state == STATE_RINGING) {
            return new Fact.Ringing(call.getAsLong());
        }
        return state == STATE_UP ? new Fact.Answered(call.getAsLong()) : null;
    }

    /** The call whose operator channel this uniqueid is. */
    private static OptionalLong operatorCall(String uniqueId) {
        return ChannelIds.callId(uniqueId);
    }

    private static Leg leg(String uniqueId, String linkedId) {
        return linkedId.equals(uniqueId) ? Leg.ORIGINATED : Leg.DIALLED;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
