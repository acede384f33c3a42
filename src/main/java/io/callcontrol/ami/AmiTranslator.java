package io.callcontrol.ami;

import io.callcontrol.call.ChannelFact;
import io.callcontrol.call.ChannelIds;
import io.callcontrol.call.Fact;
import io.callcontrol.call.Leg;
import java.util.OptionalLong;
import java.util.function.LongFunction;
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
 * A call's originated channel has the daemon's ChannelId as Uniqueid; every other leg has it as Linkedid. Each fact
 * keeps the whole channel id, token included, for the tracker to check against its call's own.
 */
public final class AmiTranslator {

    private static final int STATE_RINGING = 5;
    private static final int STATE_UP = 6;

    private final Predicate<String> knownDevice;
    private final Predicate<String> unavailableDevice;

    /**
     * @param knownDevice       whether Asterisk has told of this device (e.g. PJSIP/1000): unknown means no endpoint
     * @param unavailableDevice whether the last state Asterisk told for this device is UNAVAILABLE
     */
    public AmiTranslator(Predicate<String> knownDevice, Predicate<String> unavailableDevice) {
        this.knownDevice = knownDevice;
        this.unavailableDevice = unavailableDevice;
    }

    /**
     * The call fact an event tells, with the channel id that names its call; null when it tells nothing about a call
     * of the daemon's.
     */
    public ChannelFact fact(ManagerEvent event) {
        if (event instanceof NewStateEvent e) {
            return told(e.getUniqueId(), call -> newState(call, e.getChannelState()));
        }
        if (event instanceof OriginateResponseEvent e) {
            return told(e.getUniqueId(), call -> originateResponse(call, e));
        }
        if (event instanceof DialBeginEvent e) {
            return told(e.getUniqueId(), Fact.DialBegan::new);
        }
        if (event instanceof DialEndEvent e) {
            return told(e.getUniqueId(), call -> new Fact.DialEnded(call, text(e.getDialStatus())));
        }
        if (event instanceof HangupEvent e) {
            return e.getCause() == null ? null : told(e.getLinkedId(), call -> new Fact.ChannelGone(call,
                    leg(e.getUniqueId(), e.getLinkedId()), e.getCause(),
                    e instanceof HangupWithTechCauseEvent t ? text(t.getTechCause()) : ""));
        }
        if (event instanceof HangupRequestEvent e) {
            return e.getCause() == null ? null : told(e.getLinkedId(), call -> new Fact.HangupCause(call,
                    leg(e.getUniqueId(), e.getLinkedId()), e.getCause(),
                    e instanceof HangupRequestWithTechCauseEvent t ? text(t.getTechCause()) : ""));
        }
        if (event instanceof NewChannelEvent e) {
            return told(e.getUniqueId(), call -> new Fact.ChannelCreated(call, Leg.ORIGINATED));
        }
        return null;
    }

    /**
     * The fact about the call a channel id names (the operator channel's Uniqueid, or any leg's Linkedid), or null
     * when it names none of the daemon's calls or the event tells nothing.
     */
    private static ChannelFact told(String channelId, LongFunction<Fact> fact) {
        OptionalLong call = ChannelIds.callId(channelId);
        if (call.isEmpty()) {
            return null;
        }
        Fact told = fact.apply(call.getAsLong());
        return told == null ? null : new ChannelFact(channelId, told);
    }

    private Fact originateResponse(long call, OriginateResponseEvent e) {
        if ("Success".equalsIgnoreCase(e.getResponse())) {
            return new Fact.Answered(call);
        }
        int reason = e.getReason() == null ? 0 : e.getReason();
        String device = text(e.getChannel());
        return new Fact.OriginateFailed(call, reason, knownDevice.test(device), unavailableDevice.test(device));
    }

    private static Fact newState(long call, Integer state) {
        if (state == null) {
            return null;
        }
        if (state == STATE_RINGING) {
            return new Fact.Ringing(call);
        }
        return state == STATE_UP ? new Fact.Answered(call) : null;
    }

    private static Leg leg(String uniqueId, String linkedId) {
        return linkedId.equals(uniqueId) ? Leg.ORIGINATED : Leg.DIALLED;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
