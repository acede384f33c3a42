package io.callcontrol.call;

import static io.callcontrol.call.CallStatus.CALL;
import static io.callcontrol.call.CallStatus.CLIENT_BUSY;
import static io.callcontrol.call.CallStatus.CLIENT_CALLTO;
import static io.callcontrol.call.CallStatus.CLIENT_CANCEL;
import static io.callcontrol.call.CallStatus.CLIENT_NOANSWER;
import static io.callcontrol.call.CallStatus.CLIENT_PICKUP;
import static io.callcontrol.call.CallStatus.ERROR;
import static io.callcontrol.call.CallStatus.FINISH;
import static io.callcontrol.call.CallStatus.OPERATOR_BUSY;
import static io.callcontrol.call.CallStatus.OPERATOR_CALLTO;
import static io.callcontrol.call.CallStatus.OPERATOR_NOANSWER;
import static io.callcontrol.call.CallStatus.OPERATOR_OFFLINE;
import static io.callcontrol.call.CallStatus.OPERATOR_PICKUP;
import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.Fact.Answered;
import io.callcontrol.call.Fact.CallEnded;
import io.callcontrol.call.Fact.CallLost;
import io.callcontrol.call.Fact.ChannelCreated;
import io.callcontrol.call.Fact.ChannelGone;
import io.callcontrol.call.Fact.DialBegan;
import io.callcontrol.call.Fact.DialEnded;
import io.callcontrol.call.Fact.DialplanAnswered;
import io.callcontrol.call.Fact.HangupCause;
import io.callcontrol.call.Fact.OriginateFailed;
import io.callcontrol.call.Fact.OriginateNotSent;
import io.callcontrol.call.Fact.ReleaseNotDone;
import io.callcontrol.call.Fact.Released;
import io.callcontrol.call.Fact.Ringing;
import io.callcontrol.call.Fact.VerdictDue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The state machine as tables: (start status, facts) -> (emitted statuses, end status). */
class CallTrackerTest {

    private static final long ID = 7;

    /** Single steps: one fact from one status, for both orders of parties. */
    static Stream<Arguments> steps() {
        return Stream.concat(
                operatorFirstSteps().map(step -> withFirst(FirstParty.OPERATOR, step)),
                clientFirstSteps().map(step -> withFirst(FirstParty.CLIENT, step)));
    }

    /** Operator first: the originated leg is the operator's, the dialled one the client's. */
    static Stream<Arguments> operatorFirstSteps() {
        return Stream.of(
                step(CALL, new Ringing(ID), OPERATOR_CALLTO),
                step(CALL, new Answered(ID), OPERATOR_PICKUP),
                step(OPERATOR_CALLTO, new Answered(ID), OPERATOR_PICKUP),
                step(OPERATOR_CALLTO, new Ringing(ID)),
                step(OPERATOR_PICKUP, new Answered(ID)),
                step(OPERATOR_PICKUP, new DialBegan(ID), CLIENT_CALLTO),
                step(CALL, new DialBegan(ID), OPERATOR_PICKUP, CLIENT_CALLTO),
                step(CLIENT_CALLTO, new DialEnded(ID, "ANSWER"), CLIENT_PICKUP),
                step(CLIENT_CALLTO, new DialEnded(ID, "BUSY"), CLIENT_BUSY),
                step(CLIENT_CALLTO, new DialEnded(ID, "NOANSWER"), CLIENT_NOANSWER),
                step(CLIENT_CALLTO, new DialEnded(ID, "CANCEL"), CLIENT_CANCEL),
                step(CLIENT_CALLTO, new DialEnded(ID, "CONGESTION"), ERROR),
                step(CLIENT_CALLTO, new DialEnded(ID, "CHANUNAVAIL"), ERROR),
                step(CLIENT_CALLTO, new DialEnded(ID, "DONTCALL"), ERROR),
                step(OPERATOR_PICKUP, new DialEnded(ID, "ANSWER"), CLIENT_CALLTO, CLIENT_PICKUP),
                step(CLIENT_PICKUP, new ChannelGone(ID, Leg.ORIGINATED, 16, ""), FINISH),
                step(CLIENT_PICKUP, new ChannelGone(ID, Leg.DIALLED, 16, "")),
                step(CLIENT_CALLTO, new ChannelGone(ID, Leg.ORIGINATED, 16, ""), CLIENT_CANCEL),
                step(OPERATOR_PICKUP, new ChannelGone(ID, Leg.ORIGINATED, 16, ""), ERROR),
                step(CALL, new OriginateFailed(ID, 3, true, false), OPERATOR_NOANSWER),
                // the OriginateResponse went to the AMI session of a daemon that has since restarted
                step(OPERATOR_CALLTO, new ChannelGone(ID, Leg.ORIGINATED, 19, "480"), OPERATOR_NOANSWER),
                step(CALL, new ChannelGone(ID, Leg.ORIGINATED, 17, "486"), OPERATOR_BUSY),
                step(OPERATOR_CALLTO, new ChannelGone(ID, Leg.ORIGINATED, 16, ""), ERROR),
                step(CALL, new OriginateFailed(ID, 5, true, false), OPERATOR_BUSY),
                // Reason 0 alone is unclear: it waits for the channel's cause, or for the wait to be over
                step(CALL, new OriginateFailed(ID, 0, true, false)),
                step(CALL, new OriginateFailed(ID, 0, false, false)),
                step(CALL, new VerdictDue(ID, 5000)),
                step(OPERATOR_PICKUP, new OriginateFailed(ID, 3, true, false)),
                step(CALL, new OriginateNotSent(ID, "no AMI"), ERROR),
                step(CLIENT_PICKUP, new CallLost(ID, "AMI was down"), FINISH),
                step(CLIENT_CALLTO, new CallLost(ID, "AMI was down"), ERROR),
                step(CALL, new CallLost(ID, "the daemon was down"), ERROR),
                step(CLIENT_CALLTO, new CallEnded(ID, "BUSY", 17, ""), CLIENT_BUSY),
                step(CLIENT_PICKUP, new CallEnded(ID, "ANSWER", 16, ""), FINISH),
                step(OPERATOR_PICKUP, new CallEnded(ID, "", 16, "invalid-client-channel"), ERROR),
                step(OPERATOR_CALLTO, new DialplanAnswered(ID), OPERATOR_PICKUP),
                step(OPERATOR_PICKUP, new DialplanAnswered(ID)),
                // a hook never starts a leg AMI has not seen start: not the operator's ...
                step(CALL, new DialplanAnswered(ID)),
                step(CALL, new CallEnded(ID, "BUSY", 17, "")),
                step(CALL, new CallEnded(ID, "", 16, "invalid-client-channel")),
                // ... nor the client's: the Dial AMI has not seen begin gets no status, and the end is AMI's
                step(OPERATOR_CALLTO, new CallEnded(ID, "BUSY", 17, ""), OPERATOR_PICKUP),
                step(OPERATOR_PICKUP, new CallEnded(ID, "NOANSWER", 1, "")),
                step(OPERATOR_PICKUP, new CallEnded(ID, "ANSWER", 16, "")));
    }

    @ParameterizedTest(name = "{0} first: {1} + {2} -> {3}")
    @MethodSource("steps")
    void oneFactFromOneStatus(FirstParty first, CallStatus from, Fact fact, List<CallStatus> emitted) {
        CallTracker.Step step = CallTracker.next(CallProgress.of(first, from), fact);

        assertThat(statuses(step.changes())).isEqualTo(emitted);
        assertThat(step.progress().status()).isEqualTo(emitted.isEmpty() ? from : emitted.get(emitted.size() - 1));
    }

    /** Every terminal status ignores every fact. */
    static Stream<Arguments> terminalAgainstEveryFact() {
        List<Fact> facts = List.of(new Ringing(ID), new Answered(ID), new OriginateFailed(ID, 5, true, false),
                new OriginateNotSent(ID, "x"), new ChannelCreated(ID, Leg.ORIGINATED), new HangupCause(ID, Leg.DIALLED, 1, ""),
                new ChannelGone(ID, Leg.ORIGINATED, 16, ""), new DialBegan(ID), new DialEnded(ID, "ANSWER"),
                new CallEnded(ID, "ANSWER", 16, ""), new DialplanAnswered(ID), new CallLost(ID, "x"), new Released(ID),
                new ReleaseNotDone(ID), new VerdictDue(ID, 5000));
        return Arrays.stream(FirstParty.values()).flatMap(first -> Arrays.stream(CallStatus.values())
                .filter(CallStatus::isTerminal)
                .flatMap(status -> facts.stream().map(fact -> Arguments.of(first, status, fact))));
    }

    @ParameterizedTest(name = "{0} first: {1} ignores {2}")
    @MethodSource("terminalAgainstEveryFact")
    void aTerminalStatusIsFinal(FirstParty first, CallStatus terminal, Fact fact) {
        CallTracker.Step step = CallTracker.next(CallProgress.of(first, terminal), fact);

        assertThat(step.changes()).isEmpty();
        assertThat(step.progress().status()).isEqualTo(terminal);
    }

    /** Whole calls as Asterisk 22 orders the facts (see the transcripts under src/test/resources/ami). */
    static Stream<Arguments> sequences() {
        return Stream.of(
                seq("answered", List.of(new ChannelCreated(ID, Leg.ORIGINATED), new Ringing(ID),
                        new Answered(ID), new Answered(ID), new DialBegan(ID),
                        new DialEnded(ID, "ANSWER"), new HangupCause(ID, Leg.DIALLED, 16, ""),
                        new ChannelGone(ID, Leg.DIALLED, 16, ""), new ChannelGone(ID, Leg.ORIGINATED, 16, ""),
                        new CallEnded(ID, "ANSWER", 16, "")),
                        OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_PICKUP, FINISH),
                // the Hangup (cause 17) comes before the OriginateResponse, whose Reason is only 0
                seq("operator busy", List.of(new ChannelCreated(ID, Leg.ORIGINATED), new HangupCause(ID, Leg.ORIGINATED, 17, "486"),
                        new ChannelGone(ID, Leg.ORIGINATED, 17, "486"), new OriginateFailed(ID, 0, true, false)),
                        OPERATOR_BUSY),
                // the OriginateResponse (Reason 0) before the Hangup: the decision waits for the cause
                seq("operator rejects, response first", List.of(new ChannelCreated(ID, Leg.ORIGINATED),
                        new Ringing(ID), new OriginateFailed(ID, 0, true, false),
                        new ChannelGone(ID, Leg.ORIGINATED, 21, "603")),
                        OPERATOR_CALLTO, OPERATOR_BUSY),
                seq("operator no answer", List.of(new ChannelCreated(ID, Leg.ORIGINATED), new Ringing(ID),
                        new OriginateFailed(ID, 3, true, false), new ChannelGone(ID, Leg.ORIGINATED, 19, "480")),
                        OPERATOR_CALLTO, OPERATOR_NOANSWER),
                seq("operator offline: no channel at all, and none within the wait",
                        List.of(new OriginateFailed(ID, 0, true, false), new VerdictDue(ID, 5000)), OPERATOR_OFFLINE),
                // the device last told UNAVAILABLE and no channel: nothing can still come, no wait
                seq("operator offline, device UNAVAILABLE: decided without the wait",
                        List.of(new OriginateFailed(ID, 0, true, true)), OPERATOR_OFFLINE),
                // a channel was seen after all (the state was stale): its cause decides, as for any device
                seq("device told UNAVAILABLE, yet a channel came: its cause decides", List.of(
                        new ChannelCreated(ID, Leg.ORIGINATED), new OriginateFailed(ID, 0, true, true),
                        new ChannelGone(ID, Leg.ORIGINATED, 17, "486")), OPERATOR_BUSY),
                seq("operator unknown to Asterisk", List.of(new OriginateFailed(ID, 0, false, false), new VerdictDue(ID, 5000)),
                        ERROR),
                // the recorded busy call (operator-busy.txt) as it comes under load: Asterisk sends the
                // OriginateResponse straight away, the channel's events lag behind on its message bus
                seq("operator busy, the OriginateResponse before every channel event", List.of(
                        new OriginateFailed(ID, 0, true, false), new ChannelCreated(ID, Leg.ORIGINATED),
                        new HangupCause(ID, Leg.ORIGINATED, 17, "486"), new ChannelGone(ID, Leg.ORIGINATED, 17, "486"),
                        new VerdictDue(ID, 5000)),
                        OPERATOR_BUSY),
                seq("operator busy, the Hangup only just within the wait", List.of(new OriginateFailed(ID, 0, true, false),
                        new ChannelGone(ID, Leg.ORIGINATED, 17, "486"), new VerdictDue(ID, 5000)),
                        OPERATOR_BUSY),
                seq("operator rejects, Reason 8 before the channel's cause", List.of(
                        new OriginateFailed(ID, 8, true, false), new ChannelGone(ID, Leg.ORIGINATED, 21, "603")),
                        OPERATOR_BUSY),
                // 404: the client's HangupRequest (cause 1) precedes DialEnd NOANSWER
                seq("unknown client number", List.of(new Ringing(ID), new Answered(ID),
                        new DialBegan(ID), new HangupCause(ID, Leg.DIALLED, 1, "404"),
                        new DialEnded(ID, "NOANSWER"), new ChannelGone(ID, Leg.DIALLED, 1, "404"),
                        new ChannelGone(ID, Leg.ORIGINATED, 1, "404")),
                        OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, ERROR),
                // a dial timeout: DialEnd NOANSWER first, the client's cause (0) after
                seq("client no answer", List.of(new Ringing(ID), new Answered(ID), new DialBegan(ID),
                        new DialEnded(ID, "NOANSWER"), new ChannelGone(ID, Leg.DIALLED, 0, ""),
                        new ChannelGone(ID, Leg.ORIGINATED, 16, "")),
                        OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_NOANSWER),
                // only the hooks speak: AMI saw nothing of the call, so they tell nothing
                seq("hooks alone", List.of(new DialplanAnswered(ID), new CallEnded(ID, "ANSWER", 16, ""))),
                // AMI events lost after the Dial began: the hook tells the client's answer and the end
                seq("AMI lost after the dial began", List.of(new Ringing(ID), new Answered(ID), new DialBegan(ID),
                        new CallEnded(ID, "ANSWER", 16, "")),
                        OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_PICKUP, FINISH),
                // AMI events lost after the ring: the hooks tell the answer, and an end without a Dial
                seq("AMI lost after the ring", List.of(new Ringing(ID), new DialplanAnswered(ID),
                        new CallEnded(ID, "", 16, "")),
                        OPERATOR_CALLTO, OPERATOR_PICKUP, ERROR),
                seq("facts late after the end", List.of(new OriginateFailed(ID, 5, true, false), new Answered(ID),
                        new DialEnded(ID, "ANSWER"), new ChannelGone(ID, Leg.ORIGINATED, 16, "")),
                        OPERATOR_BUSY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void wholeCalls(String name, List<Fact> facts, List<CallStatus> emitted) {
        assertThat(run(facts)).isEqualTo(emitted);
    }

    @Test
    void everyFactTwiceGivesTheSameChain() {
        List<Fact> facts = List.of(new Ringing(ID), new Answered(ID), new DialBegan(ID),
                new DialEnded(ID, "ANSWER"), new ChannelGone(ID, Leg.ORIGINATED, 16, ""));
        List<Fact> twice = new ArrayList<>();
        facts.forEach(fact -> {
            twice.add(fact);
            twice.add(fact);
        });

        assertThat(run(twice)).isEqualTo(run(facts))
                .containsExactly(OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_PICKUP, FINISH);
    }

    /** releaseCall: the hangup the daemon asked for ends the call as the release, whatever leg it cut. */
    static Stream<Arguments> releases() {
        return Stream.of(
                Arguments.of(CLIENT_PICKUP, new ChannelGone(ID, Leg.ORIGINATED, 16, ""), FINISH,
                        "released through the API (releaseCall); operator cause 16 (Normal Clearing)"),
                Arguments.of(CLIENT_CALLTO, new DialEnded(ID, "CANCEL"), ERROR,
                        "released through the API (releaseCall) at CLIENT_CALLTO (Asterisk: CLIENT_CANCEL, "
                                + "DIALSTATUS=CANCEL; the operator hung up while the client was ringing)"),
                Arguments.of(OPERATOR_CALLTO, new ChannelGone(ID, Leg.ORIGINATED, 16, ""), ERROR,
                        "released through the API (releaseCall) at OPERATOR_CALLTO (Asterisk: ERROR, "
                                + "operator leg failed: operator cause 16 (Normal Clearing))"),
                Arguments.of(OPERATOR_PICKUP, new CallEnded(ID, "", 16, ""), ERROR,
                        "released through the API (releaseCall) at OPERATOR_PICKUP (Asterisk: ERROR, "
                                + "operator hung up before the client was dialled; operator cause 16 (Normal Clearing))"));
    }

    @ParameterizedTest(name = "released at {0}, then {1} -> {2}")
    @MethodSource("releases")
    void aReleasedCallEndsAsTheRelease(CallStatus at, Fact end, CallStatus expected, String detail) {
        CallTracker.Step released = CallTracker.next(CallProgress.of(FirstParty.OPERATOR, at), new Released(ID));
        assertThat(released.changes()).isEmpty();

        CallTracker.Step step = CallTracker.next(released.progress(), end);

        assertThat(step.changes()).singleElement().satisfies(change -> {
            assertThat(change.status()).isEqualTo(expected);
            assertThat(change.detail()).isEqualTo(detail);
        });
    }

    @Test
    void aReleaseAsteriskCouldNotDoLeavesTheCallAsItWas() {
        CallProgress progress = CallTracker.next(CallProgress.of(FirstParty.OPERATOR, OPERATOR_CALLTO), new Released(ID)).progress();
        progress = CallTracker.next(progress, new ReleaseNotDone(ID)).progress();

        CallTracker.Step step = CallTracker.next(progress, new ChannelGone(ID, Leg.ORIGINATED, 17, "486"));

        assertThat(step.changes()).singleElement().satisfies(change -> {
            assertThat(change.status()).isEqualTo(OPERATOR_BUSY);
            assertThat(change.detail()).doesNotContain("released");
        });
    }

    /** After the wait, the detail says what was missing: a truthful verdict, not a guess dressed as a cause. */
    static Stream<Arguments> verdictsAfterTheWait() {
        return Stream.of(
                Arguments.of(List.of(new OriginateFailed(ID, 0, true, false)), OPERATOR_OFFLINE,
                        "OriginateResponse Reason 0; no channel within 5 s; "
                                + "the operator's device is not registered or not reachable"),
                Arguments.of(List.of(new ChannelCreated(ID, Leg.ORIGINATED), new OriginateFailed(ID, 0, true, false)), ERROR,
                        "operator leg failed: OriginateResponse Reason 0; no hangup cause within 5 s"),
                Arguments.of(List.of(new OriginateFailed(ID, 0, true, false), new HangupCause(ID, Leg.ORIGINATED, 17, "486")),
                        OPERATOR_BUSY, "OriginateResponse Reason 0; operator cause 17 (User busy), SIP 486"),
                Arguments.of(List.of(new OriginateFailed(ID, 1, true, false), new ChannelCreated(ID, Leg.ORIGINATED)), ERROR,
                        "operator leg failed: OriginateResponse Reason 1; no hangup cause within 5 s"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("verdictsAfterTheWait")
    void theWaitOverDecidesFromWhatIsKnownAndSaysSo(List<Fact> facts, CallStatus expected, String detail) {
        CallProgress progress = CallProgress.started(FirstParty.OPERATOR);
        for (Fact fact : facts) {
            CallTracker.Step step = CallTracker.next(progress, fact);
            assertThat(step.changes()).isEmpty();
            progress = step.progress();
        }

        CallTracker.Step due = CallTracker.next(progress, new VerdictDue(ID, 5000));

        assertThat(due.changes()).singleElement().satisfies(change -> {
            assertThat(change.status()).isEqualTo(expected);
            assertThat(change.detail()).isEqualTo(detail);
        });
        assertThat(CallTracker.next(due.progress(), new ChannelGone(ID, Leg.ORIGINATED, 17, "486")).changes())
                .isEmpty();
    }

    @Test
    void detailsKeepAsterisksReasons() {
        CallProgress progress = CallProgress.of(FirstParty.OPERATOR, CLIENT_CALLTO);
        progress = CallTracker.next(progress, new HangupCause(ID, Leg.DIALLED, 17, "486")).progress();

        CallTracker.Step step = CallTracker.next(progress, new DialEnded(ID, "BUSY"));

        assertThat(step.changes()).singleElement().satisfies(change ->
                assertThat(change.detail()).isEqualTo("DIALSTATUS=BUSY; client cause 17 (User busy), SIP 486"));
    }

    /** Client first: the originated leg is the client's, the dialled one the operator's. */
    static Stream<Arguments> clientFirstSteps() {
        return Stream.of(
                step(CALL, new Ringing(ID), CLIENT_CALLTO),
                step(CALL, new Answered(ID), CLIENT_PICKUP),
                step(CLIENT_CALLTO, new Answered(ID), CLIENT_PICKUP),
                step(CLIENT_PICKUP, new DialBegan(ID), OPERATOR_CALLTO),
                step(CLIENT_CALLTO, new DialBegan(ID), CLIENT_PICKUP, OPERATOR_CALLTO),
                step(OPERATOR_CALLTO, new DialEnded(ID, "ANSWER"), OPERATOR_PICKUP),
                step(CLIENT_PICKUP, new DialEnded(ID, "ANSWER"), OPERATOR_CALLTO, OPERATOR_PICKUP),
                step(OPERATOR_CALLTO, new DialEnded(ID, "BUSY"), OPERATOR_BUSY),
                step(OPERATOR_CALLTO, new DialEnded(ID, "NOANSWER"), OPERATOR_NOANSWER),
                step(OPERATOR_CALLTO, new DialEnded(ID, "CHANUNAVAIL"), OPERATOR_OFFLINE),
                step(OPERATOR_CALLTO, new DialEnded(ID, "CANCEL"), CLIENT_CANCEL),
                step(OPERATOR_CALLTO, new DialEnded(ID, "CONGESTION"), ERROR),
                step(OPERATOR_PICKUP, new ChannelGone(ID, Leg.ORIGINATED, 16, ""), FINISH),
                step(OPERATOR_PICKUP, new ChannelGone(ID, Leg.DIALLED, 16, "")),
                step(OPERATOR_CALLTO, new ChannelGone(ID, Leg.ORIGINATED, 16, ""), CLIENT_CANCEL),
                step(CLIENT_PICKUP, new ChannelGone(ID, Leg.ORIGINATED, 16, ""), CLIENT_CANCEL),
                // the Dial of the operator could not start: the client's channel goes with the Dial's cause
                step(CLIENT_PICKUP, new ChannelGone(ID, Leg.ORIGINATED, 3, "404"), OPERATOR_OFFLINE),
                step(CLIENT_PICKUP, new ChannelGone(ID, Leg.ORIGINATED, 20, ""), OPERATOR_OFFLINE),
                step(CLIENT_PICKUP, new ChannelGone(ID, Leg.ORIGINATED, 17, ""), OPERATOR_BUSY),
                step(CLIENT_PICKUP, new ChannelGone(ID, Leg.ORIGINATED, 34, ""), ERROR),
                step(CALL, new OriginateFailed(ID, 3, true, false), CLIENT_NOANSWER),
                step(CALL, new OriginateFailed(ID, 5, true, false), CLIENT_BUSY),
                step(CALL, new OriginateFailed(ID, 8, true, false)),
                step(CLIENT_CALLTO, new ChannelGone(ID, Leg.ORIGINATED, 17, "486"), CLIENT_BUSY),
                step(CLIENT_CALLTO, new ChannelGone(ID, Leg.ORIGINATED, 19, "480"), CLIENT_NOANSWER),
                step(CALL, new ChannelGone(ID, Leg.ORIGINATED, 1, "404"), ERROR),
                step(CALL, new ChannelGone(ID, Leg.ORIGINATED, 34, "503"), ERROR),
                step(OPERATOR_PICKUP, new CallLost(ID, "AMI was down"), FINISH),
                step(OPERATOR_CALLTO, new CallLost(ID, "AMI was down"), ERROR),
                step(OPERATOR_CALLTO, new CallEnded(ID, "BUSY", 17, ""), OPERATOR_BUSY),
                step(OPERATOR_PICKUP, new CallEnded(ID, "ANSWER", 16, ""), FINISH),
                step(CLIENT_PICKUP, new CallEnded(ID, "", 16, "invalid-operator-channel"), ERROR),
                step(CLIENT_CALLTO, new DialplanAnswered(ID), CLIENT_PICKUP),
                step(CALL, new DialplanAnswered(ID)),
                step(CALL, new CallEnded(ID, "ANSWER", 16, "")),
                step(CLIENT_CALLTO, new CallEnded(ID, "BUSY", 17, ""), CLIENT_PICKUP),
                step(CLIENT_PICKUP, new CallEnded(ID, "BUSY", 17, "")));
    }

    @Test
    void clientFirstWholeCallsAndDetailsNameTheRightParty() {
        List<Fact> answered = List.of(new ChannelCreated(ID, Leg.ORIGINATED), new Ringing(ID), new Answered(ID),
                new DialBegan(ID), new DialEnded(ID, "ANSWER"), new ChannelGone(ID, Leg.DIALLED, 16, ""),
                new ChannelGone(ID, Leg.ORIGINATED, 16, ""), new CallEnded(ID, "ANSWER", 16, ""));
        assertThat(run(FirstParty.CLIENT, answered))
                .containsExactly(CLIENT_CALLTO, CLIENT_PICKUP, OPERATOR_CALLTO, OPERATOR_PICKUP, FINISH);

        CallProgress progress = CallProgress.of(FirstParty.CLIENT, OPERATOR_CALLTO);
        progress = CallTracker.next(progress, new HangupCause(ID, Leg.DIALLED, 17, "486")).progress();
        CallTracker.Step busy = CallTracker.next(progress, new DialEnded(ID, "BUSY"));
        assertThat(busy.changes()).singleElement().satisfies(change ->
                assertThat(change.detail()).isEqualTo("DIALSTATUS=BUSY; operator cause 17 (User busy), SIP 486"));

        CallTracker.Step gone = CallTracker.next(CallProgress.of(FirstParty.CLIENT, CLIENT_PICKUP),
                new ChannelGone(ID, Leg.ORIGINATED, 16, ""));
        assertThat(gone.changes()).singleElement().satisfies(change -> assertThat(change.detail())
                .isEqualTo("client hung up before the operator was dialled; client cause 16 (Normal Clearing)"));
    }

    private static List<CallStatus> run(List<Fact> facts) {
        return run(FirstParty.OPERATOR, facts);
    }

    private static List<CallStatus> run(FirstParty first, List<Fact> facts) {
        CallProgress progress = CallProgress.started(first);
        List<CallStatus> emitted = new ArrayList<>();
        for (Fact fact : facts) {
            CallTracker.Step step = CallTracker.next(progress, fact);
            emitted.addAll(statuses(step.changes()));
            progress = step.progress();
        }
        return emitted;
    }

    private static List<CallStatus> statuses(List<StatusChange> changes) {
        return changes.stream().map(StatusChange::status).toList();
    }

    private static Arguments withFirst(FirstParty first, Arguments step) {
        Object[] args = step.get();
        return Arguments.of(first, args[0], args[1], args[2]);
    }

    private static Arguments step(CallStatus from, Fact fact, CallStatus... emitted) {
        return Arguments.of(from, fact, List.of(emitted));
    }

    private static Arguments seq(String name, List<Fact> facts, CallStatus... emitted) {
        return Arguments.of(name, facts, List.of(emitted));
    }
}
