package io.callcontrol.control;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.asteriskjava.manager.action.OriginateAction;

/**
 * The supervisors' phones ({@code control.supervisors}) and how one is rung to listen in: an Originate to its
 * channel (by {@code operator.channel}'s template) that runs ChanSpy on the operator's channel once answered.
 */
public final class Supervisors {

    /** How long the supervisor's phone rings before the spy is given up. */
    static final long RING_MILLIS = 30_000;

    private final Predicate<String> allowed;
    private final UnaryOperator<String> channelOf;

    /**
     * @param allowed   whether a number is a supervisor's
     * @param channelOf the dial string of a phone by its number (operator.channel's template)
     */
    public Supervisors(Predicate<String> allowed, UnaryOperator<String> channelOf) {
        this.allowed = allowed;
        this.channelOf = channelOf;
    }

    /** The supervisor's number, checked against the configured ones. */
    String check(String supervisor) throws ControlRefusedException {
        if (!allowed.test(supervisor)) {
            throw ControlRefusedException.invalid("supervisor", "'" + supervisor + "' is not a supervisor's phone"
                    + " (control.supervisors); nothing was done");
        }
        return supervisor;
    }

    /**
     * The Originate that rings {@code supervisor} and, once answered, spies on {@code spied} (a channel name Asterisk
     * gave, never text from the CRM) in {@code mode}. Async: Asterisk accepts it at once and rings meanwhile.
     */
    OriginateAction spy(String supervisor, String spied, SpyMode mode, long callId) {
        OriginateAction originate = new OriginateAction();
        originate.setChannel(channelOf.apply(supervisor));
        originate.setApplication("ChanSpy");
        originate.setData(spied + "," + mode.options());
        originate.setCallerId("\"call " + callId + " (" + mode.apiName() + ")\" <" + callId + ">");
        originate.setTimeout(RING_MILLIS);
        originate.setAsync(true);
        return originate;
    }
}
