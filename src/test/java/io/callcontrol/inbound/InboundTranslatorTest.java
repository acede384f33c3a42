package io.callcontrol.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.ChannelIds;
import io.callcontrol.operator.OperatorDevices;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.junit.jupiter.api.Test;

/** Which AMI events speak of a call reaching an operator that the daemon did not place, and what they say. */
class InboundTranslatorTest {

    private static final String CALLER = "1700000000.1";
    private final InboundTranslator translator = new InboundTranslator(new OperatorDevices("PJSIP/{sip}"));

    @Test
    void aDialToAnOperatorsPhoneFromAnyChannelRingsIt() {
        assertThat(translator.fact(dialBegin(CALLER, "Local/1000@members-00000001;2", "PJSIP/1000-0000000a",
                "1700000000.5", "380501112233")))
                .isEqualTo(new OperatorLegFact.Rung(CALLER, "1700000000.5", "1000", "380501112233"));
        assertThat(translator.fact(dialBegin(CALLER, "PJSIP/carrier-00000001", "PJSIP/1000-0000000a",
                "1700000000.5", null)))
                .isEqualTo(new OperatorLegFact.Rung(CALLER, "1700000000.5", "1000", ""));
    }

    @Test
    void dialsToOtherChannelsAndTheDaemonsOwnCallsAreNotInbound() {
        assertThat(translator.fact(dialBegin(CALLER, "PJSIP/carrier-00000001", "Local/1000@members-00000001;1",
                "1700000000.2", "380501112233"))).isNull();
        assertThat(translator.fact(dialBegin(CALLER, "PJSIP/carrier-00000001", "PJSIP/trunk-00000002",
                "1700000000.2", "380501112233"))).isNull();
        String ours = ChannelIds.of(42, "0123456789abcdef");
        assertThat(translator.fact(dialBegin(ours, "Local/x;2", "PJSIP/1000-0000000a", "1700000000.5", "1")))
                .isNull();
    }

    @Test
    void theEndOfARingCarriesItsDialStatus() {
        DialEndEvent end = new DialEndEvent(this);
        end.setLinkedId(CALLER);
        end.setDestChannel("PJSIP/1002-0000000b");
        end.setDestUniqueId("1700000000.6");
        end.setDialStatus("NOANSWER");
        assertThat(translator.fact(end))
                .isEqualTo(new OperatorLegFact.RingEnded(CALLER, "1700000000.6", "1002", "NOANSWER"));
    }

    @Test
    void onlyTheCallersAndTheOperatorsHangupsCount() {
        assertThat(translator.fact(hangup(CALLER, CALLER, "PJSIP/carrier-00000001", 16)))
                .isEqualTo(new OperatorLegFact.Gone(CALLER, CALLER, 16));
        assertThat(translator.fact(hangup(CALLER, "1700000000.5", "PJSIP/1000-0000000a", 16)))
                .isEqualTo(new OperatorLegFact.Gone(CALLER, "1700000000.5", 16));
        assertThat(translator.fact(hangup(CALLER, "1700000000.3", "Local/1000@members-00000001;2", 16))).isNull();
        String ours = ChannelIds.of(42, "0123456789abcdef");
        assertThat(translator.fact(hangup(ours, ours, "PJSIP/1000-0000000c", 16))).isNull();
    }

    private DialBeginEvent dialBegin(String linkedId, String channel, String dest, String destUid, String caller) {
        DialBeginEvent e = new DialBeginEvent(this);
        e.setLinkedId(linkedId);
        e.setChannel(channel);
        e.setDestChannel(dest);
        e.setDestUniqueId(destUid);
        e.setCallerIdNum(caller);
        return e;
    }

    private HangupEvent hangup(String linkedId, String uniqueId, String channel, int cause) {
        HangupEvent e = new HangupEvent(this);
        e.setLinkedId(linkedId);
        e.setUniqueId(uniqueId);
        e.setChannel(channel);
        e.setCause(cause);
        return e;
    }
}
