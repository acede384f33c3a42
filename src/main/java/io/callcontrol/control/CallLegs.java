package io.callcontrol.control;

import io.callcontrol.call.CallRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which of Asterisk's channels are a call's legs, and which party is on each. A call's channels are those whose
 * Linkedid is the call's channel id (Asterisk makes the first channel's uniqueid every later one's Linkedid, through
 * Dial, Local channels and transfers). The operator's are the channels of the operator's dial string
 * (operator.channel with the call's sip: {@code PJSIP/1000-00000007}); every other one is the client side. This
 * holds whichever party was rung first, and needs nothing of how the call started.
 */
public final class CallLegs {

    /** operator.channel with {sip} filled in: {@code PJSIP/1000}. */
    private final UnaryOperator<String> operatorChannel;

    public CallLegs(UnaryOperator<String> operatorChannel) {
        this.operatorChannel = operatorChannel;
    }

    /** The legs of {@code call} among {@code channels}, oldest first. */
    public List<CallLeg> of(CallRecord call, List<LiveChannel> channels) {
        String operator = operatorChannel.apply(call.sip()) + "-";
        List<CallLeg> legs = new ArrayList<>();
        for (LiveChannel channel : channels) {
            if (!call.channelId().equals(channel.linkedId()) && !call.channelId().equals(channel.uniqueId())) {
                continue;
            }
            boolean isOperator = channel.name().startsWith(operator);
            legs.add(new CallLeg(isOperator ? Party.OPERATOR : Party.CLIENT, channel.name(), channel.uniqueId(),
                    isOperator ? call.sip() : call.phone(), channel.state(), channel.bridgeId(), channel.since()));
        }
        legs.sort(Comparator.comparing(CallLeg::since).thenComparing(CallLeg::channel));
        return legs;
    }

    /**
     * The channel an action on {@code party} goes to: the party's own phone or trunk channel, not a Local channel
     * between it and the bridge (DTMF played to a Local half reaches the other side, a hangup of one leaves its
     * pair to the dialplan); a Local half only when the party has nothing else yet.
     */
    public static Optional<CallLeg> target(List<CallLeg> legs, Party party) {
        Optional<CallLeg> phone = legs.stream()
                .filter(leg -> leg.party() == party && !leg.channel().startsWith("Local/")).findFirst();
        return phone.isPresent() ? phone : legs.stream().filter(leg -> leg.party() == party).findFirst();
    }
}
