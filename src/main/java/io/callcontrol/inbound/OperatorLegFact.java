package io.callcontrol.inbound;

/**
 * What AMI told about a conversation the daemon did not originate that reaches an operator's phone. A conversation
 * is named by its Linkedid: the Uniqueid of the channel that started it (the caller's, from the trunk), which every
 * channel it creates inherits, through Dial, Queue and Local channels alike.
 */
public sealed interface OperatorLegFact {

    String linkedId();

    /**
     * An operator's phone is rung (DialBegin to the operator's device, from Dial, Queue or a Local channel).
     *
     * @param operatorUid the operator channel's Uniqueid
     * @param caller      the caller id number of the ringing side, or empty
     */
    record Rung(String linkedId, String operatorUid, String sip, String caller) implements OperatorLegFact {
    }

    /** The ring of an operator's phone ended (DialEnd): ANSWER, NOANSWER, BUSY, CANCEL, CHANUNAVAIL... */
    record RingEnded(String linkedId, String operatorUid, String sip, String dialStatus) implements OperatorLegFact {
    }

    /** A channel of the conversation hung up (the caller's, or an operator's), with its Q.850 cause. */
    record Gone(String linkedId, String uniqueId, int cause) implements OperatorLegFact {
    }
}
