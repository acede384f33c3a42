package io.callcontrol.inbound;

import io.callcontrol.call.ChannelIds;
import io.callcontrol.operator.OperatorDevices;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Turns the AMI events of conversations the daemon did not originate into {@link OperatorLegFact}s: a ring of an
 * operator's phone, its end, and the hangups that can end such a call. Pure and cheap, so it may run on AMI's event
 * thread; the daemon's own calls (Linkedid {@code cc-...}) are left to {@code AmiTranslator}.
 */
public final class InboundTranslator {

    private final OperatorDevices devices;

    public InboundTranslator(OperatorDevices devices) {
        this.devices = devices;
    }

    /** The fact an event tells, or null when it tells nothing about a call reaching an operator. */
    public OperatorLegFact fact(ManagerEvent event) {
        if (event instanceof DialBeginEvent e) {
            String sip = devices.sipOfChannel(e.getDestChannel());
            return sip == null || ours(e.getLinkedId()) || e.getDestUniqueId() == null ? null
                    : new OperatorLegFact.Rung(e.getLinkedId(), e.getDestUniqueId(), sip, text(e.getCallerIdNum()));
        }
        if (event instanceof DialEndEvent e) {
            String sip = devices.sipOfChannel(e.getDestChannel());
            return sip == null || ours(e.getLinkedId()) || e.getDestUniqueId() == null ? null
                    : new OperatorLegFact.RingEnded(e.getLinkedId(), e.getDestUniqueId(), sip,
                            text(e.getDialStatus()));
        }
        if (event instanceof HangupEvent e) {
            // only the channels that can end such a call: the caller's (the conversation's first), an operator's
            boolean relevant = e.getUniqueId() != null && (e.getUniqueId().equals(e.getLinkedId())
                    || devices.sipOfChannel(e.getChannel()) != null);
            return !relevant || ours(e.getLinkedId()) ? null
                    : new OperatorLegFact.Gone(e.getLinkedId(), e.getUniqueId(), e.getCause() == null ? 0 : e.getCause());
        }
        return null;
    }

    private static boolean ours(String linkedId) {
        return linkedId == null || ChannelIds.callId(linkedId).isPresent();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
