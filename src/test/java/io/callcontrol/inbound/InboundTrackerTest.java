package io.callcontrol.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.StatusChange;
import io.callcontrol.inbound.OperatorLegFact.Gone;
import io.callcontrol.inbound.OperatorLegFact.RingEnded;
import io.callcontrol.inbound.OperatorLegFact.Rung;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inbound chain, fact by fact: (facts) → (statuses, with their details). */
class InboundTrackerTest {

    private static final String CALLER = "1700000000.1";
    private static final String OP = "1700000000.2";
    private static final String OP2 = "1700000000.3";

    @Test
    void anAnsweredCallEndsInFinishWhenTheCallerHangsUp() {
        assertThat(chain(new Rung(CALLER, OP, "1000", "380501112233"), new RingEnded(CALLER, OP, "1000", "ANSWER"),
                new Gone(CALLER, CALLER, 16), new Gone(CALLER, OP, 16)))
                .containsExactly("CALL call from 380501112233", "OPERATOR_CALLTO ringing operator 1000",
                        "OPERATOR_PICKUP operator 1000 answered; DIALSTATUS=ANSWER",
                        "FINISH caller cause 16 (Normal Clearing)");
    }

    @Test
    void anAnsweredCallEndsWhenTheOperatorHangsUpThoughTheCallersDialplanGoesOn() {
        assertThat(chain(new Rung(CALLER, OP, "1000", ""), new RingEnded(CALLER, OP, "1000", "ANSWER"),
                new Gone(CALLER, OP, 16)))
                .containsExactly("CALL call from a caller without caller id", "OPERATOR_CALLTO ringing operator 1000",
                        "OPERATOR_PICKUP operator 1000 answered; DIALSTATUS=ANSWER",
                        "FINISH operator cause 16 (Normal Clearing)");
    }

    @Test
    void anUnansweredRingEndsNothingUntilTheCallerGoes() {
        assertThat(chain(new Rung(CALLER, OP, "1002", "380501112233"), new RingEnded(CALLER, OP, "1002", "NOANSWER"),
                new Gone(CALLER, OP, 16)))
                .containsExactly("CALL call from 380501112233", "OPERATOR_CALLTO ringing operator 1002");
    }

    @Test
    void aMissedCallIsTheLastRingsStatusWhenTheCallerGoes() {
        assertThat(last(new RingEnded(CALLER, OP, "1002", "NOANSWER"), new Gone(CALLER, CALLER, 19)))
                .isEqualTo("OPERATOR_NOANSWER DIALSTATUS=NOANSWER from operator 1002; caller cause 19 (No answer)");
        assertThat(last(new RingEnded(CALLER, OP, "1001", "BUSY"), new Gone(CALLER, CALLER, 17)))
                .startsWith("OPERATOR_BUSY DIALSTATUS=BUSY from operator 1001");
        assertThat(last(new RingEnded(CALLER, OP, "1003", "CHANUNAVAIL"), new Gone(CALLER, CALLER, 20)))
                .startsWith("OPERATOR_OFFLINE DIALSTATUS=CHANUNAVAIL");
        assertThat(last(new RingEnded(CALLER, OP, "1002", "CANCEL"), new Gone(CALLER, CALLER, 16)))
                .isEqualTo("CLIENT_CANCEL DIALSTATUS=CANCEL from operator 1002; caller cause 16 (Normal Clearing);"
                        + " the caller hung up while the operator was ringing");
        assertThat(last(new RingEnded(CALLER, OP, "1002", "CONGESTION"), new Gone(CALLER, CALLER, 34)))
                .startsWith("ERROR no operator reached: DIALSTATUS=CONGESTION");
    }

    @Test
    void aCallerWhoseHangupOvertookTheRingsEndCancelled() {
        assertThat(last(new Gone(CALLER, CALLER, 16))).startsWith("CLIENT_CANCEL caller cause 16");
    }

    @Test
    void aQueueRingingAgainAfterANoAnswerThenAnotherOperatorAnswering() {
        assertThat(chain(new Rung(CALLER, OP, "1002", "380501112233"), new RingEnded(CALLER, OP, "1002", "NOANSWER"),
                new Rung(CALLER, OP2, "1000", "380501112233"), new RingEnded(CALLER, OP2, "1000", "ANSWER"),
                new Gone(CALLER, OP, 16), new Gone(CALLER, OP2, 16)))
                .containsExactly("CALL call from 380501112233", "OPERATOR_CALLTO ringing operator 1002",
                        "OPERATOR_PICKUP operator 1000 answered; DIALSTATUS=ANSWER",
                        "FINISH operator cause 16 (Normal Clearing)");
    }

    @Test
    void theAnsweringOperatorBecomesTheCallsOperator() {
        InboundProgress p = run(new Rung(CALLER, OP, "1002", ""), new Rung(CALLER, OP2, "1000", ""),
                new RingEnded(CALLER, OP2, "1000", "ANSWER"));
        assertThat(p.sip()).isEqualTo("1000");
    }

    @Test
    void aCallResumedAfterARestartInventsNoOutcome() {
        InboundTracker.Step ringing = InboundTracker.next(
                InboundProgress.resumed("1002", CallStatus.OPERATOR_CALLTO), new Gone(CALLER, CALLER, 16));
        assertThat(ringing.changes()).extracting(StatusChange::status).containsExactly(CallStatus.ERROR);
        assertThat(ringing.changes().get(0).detail()).startsWith("outcome unknown: the daemon restarted");

        InboundTracker.Step talking = InboundTracker.next(
                InboundProgress.resumed("1000", CallStatus.OPERATOR_PICKUP), new Gone(CALLER, CALLER, 16));
        assertThat(talking.changes()).extracting(StatusChange::status).containsExactly(CallStatus.FINISH);
    }

    @Test
    void aCallWhoseChannelsWentUnseenEndsAsOutboundCallsDo() {
        assertThat(InboundTracker.lost(InboundProgress.resumed("1000", CallStatus.OPERATOR_CALLTO), "AMI was down")
                .changes()).containsExactly(new StatusChange(CallStatus.ERROR,
                        "outcome unknown: ended while AMI was down"));
        assertThat(InboundTracker.lost(InboundProgress.resumed("1000", CallStatus.OPERATOR_PICKUP), "AMI was down")
                .changes()).extracting(StatusChange::status).containsExactly(CallStatus.FINISH);
    }

    @Test
    void anEndedCallTakesNoMoreFacts() {
        InboundProgress ended = run(new Rung(CALLER, OP, "1000", ""), new Gone(CALLER, CALLER, 16));
        assertThat(InboundTracker.next(ended, new RingEnded(CALLER, OP, "1000", "ANSWER")).changes()).isEmpty();
        assertThat(InboundTracker.lost(ended, "x").changes()).isEmpty();
    }

    private static String last(OperatorLegFact... facts) {
        List<OperatorLegFact> all = new ArrayList<>(List.of(new Rung(CALLER, OP, "1002", "")));
        all.addAll(List.of(facts));
        List<String> chain = chain(all.toArray(OperatorLegFact[]::new));
        assertThat(chain).hasSize(3);
        return chain.get(2);
    }

    private static List<String> chain(OperatorLegFact... facts) {
        List<String> out = new ArrayList<>();
        InboundProgress p = InboundProgress.unseen(facts[0] instanceof Rung r ? r.sip() : "");
        for (OperatorLegFact fact : facts) {
            InboundTracker.Step step = InboundTracker.next(p, fact);
            step.changes().forEach(c -> out.add(c.status() + " " + c.detail()));
            p = step.progress();
        }
        return out;
    }

    private static InboundProgress run(OperatorLegFact... facts) {
        InboundProgress p = InboundProgress.unseen("");
        for (OperatorLegFact fact : facts) {
            p = InboundTracker.next(p, fact).progress();
        }
        return p;
    }
}
