package io.callcontrol.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.http.FakeHistory;
import java.time.Instant;
import java.util.List;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Call control over a fake Asterisk: which channel is whose, what is sent where, what is refused and traced. */
class CallControlTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ID = "cc-7-0123456789abcdef";

    private final FakeHistory history = new FakeHistory();
    private final FakeLink asterisk = new FakeLink();
    private final MemoryTrace trace = new MemoryTrace();
    private final CallControl control =
            new CallControl(history, asterisk, new CallLegs(sip -> "PJSIP/" + sip), trace, MemoryTrace.SUPERVISORS,
                    MemoryTrace::recording);

    private static CallRecord call(long id, FirstParty first, String channelId, CallStatus status) {
        return new CallRecord(id, "15", "k" + id, "1000", "380639920004", first, channelId, status, T0,
                status.isTerminal() ? T0.plusSeconds(9) : null);
    }

    private static LiveChannel channel(String name, String uniqueId, String linkedId, int age) {
        return new LiveChannel(name, uniqueId, linkedId, "Up", "b1", T0.plusSeconds(10 - age));
    }

    /** An operator-first call whose client is reached through a Local channel, as Local/{phone}@ctx routes it. */
    private void talkingThroughLocal() {
        history.calls.add(call(7, FirstParty.OPERATOR, ID, CallStatus.CLIENT_PICKUP));
        asterisk.channels.add(channel("PJSIP/trunk-00000004", "1700.4", ID, 6));
        asterisk.channels.add(channel("PJSIP/1000-00000001", ID, ID, 9));
        asterisk.channels.add(channel("Local/380639920004@testbed-clients-00000002;1", "1700.2", ID, 7));
        asterisk.channels.add(channel("Local/380639920004@testbed-clients-00000002;2", "1700.3", ID, 7));
        asterisk.channels.add(channel("PJSIP/1000-00000009", "cc-8-fedcba9876543210", "cc-8-fedcba9876543210", 1));
    }

    @Test
    void activeCallsListsEachCallWithItsOwnChannelsOldestFirstAndThePartyOnEach() throws Exception {
        talkingThroughLocal();
        history.calls.add(call(6, FirstParty.OPERATOR, "cc-6-aaaaaaaaaaaaaaaa", CallStatus.FINISH));

        List<ActiveCall> active = control.activeCalls(null);

        assertThat(active).hasSize(1);
        assertThat(active.get(0).call().callId()).isEqualTo(7);
        assertThat(active.get(0).legs()).extracting(CallLeg::party, CallLeg::channel, CallLeg::number).containsExactly(
                tuple(Party.OPERATOR, "PJSIP/1000-00000001", "1000"),
                tuple(Party.CLIENT, "Local/380639920004@testbed-clients-00000002;1",
                        "380639920004"),
                tuple(Party.CLIENT, "Local/380639920004@testbed-clients-00000002;2",
                        "380639920004"),
                tuple(Party.CLIENT, "PJSIP/trunk-00000004", "380639920004"));
        assertThat(active.get(0).legs().get(0).since()).isEqualTo(T0.plusSeconds(1));
        assertThat(control.activeCalls("1001")).as("another operator's filter").isEmpty();
    }

    @Test
    void inAClientFirstCallTheOriginatedChannelIsTheClients() throws Exception {
        String id = "cc-9-0123456789abcdef";
        history.calls.add(call(9, FirstParty.CLIENT, id, CallStatus.OPERATOR_CALLTO));
        asterisk.channels.add(channel("PJSIP/trunk-00000001", id, id, 5));
        asterisk.channels.add(channel("PJSIP/1000-00000002", "1700.2", id, 2));

        assertThat(control.activeCalls(null).get(0).legs()).extracting(CallLeg::party)
                .containsExactly(Party.CLIENT, Party.OPERATOR);
    }

    @Test
    void hangupLegHangsUpThePartysPhoneChannelNotTheLocalChannelBetweenAndTracesIt() throws Exception {
        talkingThroughLocal();

        CallControl.Done done = control.hangupLeg(7, Party.CLIENT);

        assertThat(done.channel()).isEqualTo("PJSIP/trunk-00000004");
        assertThat(asterisk.sent).singleElement().isInstanceOfSatisfying(HangupAction.class, h -> {
            assertThat(h.getChannel()).isEqualTo("PJSIP/trunk-00000004");
            assertThat(h.getCause()).isEqualTo(16);
        });
        assertThat(trace.ofCall(7)).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("hangup_leg");
            assertThat(a.party()).isEqualTo("client");
            assertThat(a.id()).isEqualTo(done.actionId());
        });
    }

    @Test
    void eachRefusalHasItsReasonAndNeitherSendsNorTracesAnything() {
        talkingThroughLocal();
        history.calls.add(call(6, FirstParty.OPERATOR, "cc-6-aaaaaaaaaaaaaaaa", CallStatus.FINISH));
        history.calls.add(call(5, FirstParty.OPERATOR, "cc-5-bbbbbbbbbbbbbbbb", CallStatus.OPERATOR_CALLTO));
        asterisk.channels.add(channel("PJSIP/1000-00000005", "cc-5-bbbbbbbbbbbbbbbb", "cc-5-bbbbbbbbbbbbbbbb", 1));

        assertRefused(() -> control.hangupLeg(99, Party.CLIENT), ControlRefusedException.Reason.UNKNOWN_CALL,
                "call_id: there is no call 99");
        assertRefused(() -> control.hangupLeg(6, Party.CLIENT), ControlRefusedException.Reason.CALL_ENDED,
                "call_id: call 6 has ended already, with FINISH");
        assertRefused(() -> control.sendDtmf(5, Party.CLIENT, new Dtmf("1")),
                ControlRefusedException.Reason.LEG_NOT_PRESENT, "leg: call 5 has no client channel");
        asterisk.refusing(action -> true);
        assertRefused(() -> control.hangupLeg(7, Party.OPERATOR), ControlRefusedException.Reason.ASTERISK_REFUSED,
                "Asterisk refused Hangup: No such channel");

        assertThat(asterisk.sent).isEmpty();
        assertThat(trace.actions).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"listen:qE", "whisper:qEw", "barge:qEB"})
    void spyCallRingsTheSupervisorIntoChanSpyOnTheOperatorsChannelInItsModeAndTracesIt(String modeAndOptions)
            throws Exception {
        talkingThroughLocal();
        String[] parts = modeAndOptions.split(":");
        SpyMode mode = SpyMode.parse("mode", parts[0]);

        CallControl.Done done = control.spyCall(7, "1010", mode);

        assertThat(done.party()).isEqualTo(Party.OPERATOR);
        assertThat(done.channel()).isEqualTo("PJSIP/1000-00000001");
        assertThat(asterisk.sent).singleElement().isInstanceOfSatisfying(OriginateAction.class, o -> {
            assertThat(o.getChannel()).isEqualTo("PJSIP/1010");
            assertThat(o.getApplication()).isEqualTo("ChanSpy");
            assertThat(o.getData()).isEqualTo("PJSIP/1000-00000001," + parts[1]);
            assertThat(o.getAsync()).isTrue();
            assertThat(o.getTimeout()).isEqualTo(30_000L);
        });
        assertThat(trace.ofCall(7)).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("spy_call");
            assertThat(a.party()).isEqualTo("operator");
            assertThat(a.detail()).isEqualTo(parts[0] + " by 1010");
        });
    }

    @Test
    void spyCallIsRefusedForAPhoneThatIsNoSupervisorsTheCallsOwnOperatorAModeThatIsNoneOrNoOperatorLeg() {
        talkingThroughLocal();
        history.calls.add(call(5, FirstParty.CLIENT, "cc-5-bbbbbbbbbbbbbbbb", CallStatus.CLIENT_CALLTO));
        asterisk.channels.add(channel("PJSIP/trunk-00000005", "cc-5-bbbbbbbbbbbbbbbb", "cc-5-bbbbbbbbbbbbbbbb", 1));

        assertRefused(() -> control.spyCall(7, "1001", SpyMode.LISTEN), ControlRefusedException.Reason.INVALID_PARAMETER,
                "supervisor: '1001' is not a supervisor's phone (control.supervisors)");
        assertRefused(() -> control.spyCall(5, "1010", SpyMode.LISTEN), ControlRefusedException.Reason.LEG_NOT_PRESENT,
                "leg: call 5 has no operator channel");
        assertRefused(() -> control.spyCall(99, "1010", SpyMode.LISTEN), ControlRefusedException.Reason.UNKNOWN_CALL,
                "call_id: there is no call 99");
        assertRefused(() -> SpyMode.parse("mode", "coach"), ControlRefusedException.Reason.INVALID_PARAMETER,
                "mode: 'coach' is not a mode: listen, whisper or barge");
        history.calls.add(new CallRecord(8, "15", "k8", "1010", "380639920004", FirstParty.OPERATOR,
                "cc-8-cccccccccccccccc", CallStatus.CLIENT_PICKUP, T0, null));
        assertRefused(() -> control.spyCall(8, "1010", SpyMode.LISTEN), ControlRefusedException.Reason.INVALID_PARAMETER,
                "supervisor: '1010' is the call's own operator");

        assertThat(asterisk.sent).isEmpty();
        assertThat(trace.actions).isEmpty();
    }

    @Test
    void withoutAsteriskNothingIsDone() {
        talkingThroughLocal();
        asterisk.disconnected();

        assertRefused(() -> control.hangupLeg(7, Party.CLIENT), ControlRefusedException.Reason.ASTERISK_UNAVAILABLE,
                "not connected");
        assertRefused(() -> control.activeCalls(null), ControlRefusedException.Reason.ASTERISK_UNAVAILABLE,
                "not connected");
        assertThat(trace.actions).isEmpty();
    }

    @Test
    void sendDtmfPlaysEachDigitInOrderToThePartysChannel() throws Exception {
        talkingThroughLocal();

        control.sendDtmf(7, Party.CLIENT, Dtmf.parse("12*#AD"));

        assertThat(asterisk.sent).allSatisfy(a -> assertThat(((PlayDtmfAction) a).getChannel())
                .isEqualTo("PJSIP/trunk-00000004"));
        assertThat(asterisk.sent).extracting(a -> ((PlayDtmfAction) a).getDigit())
                .containsExactly("1", "2", "*", "#", "A", "D");
        assertThat(trace.ofCall(7)).singleElement().extracting(a -> a.action() + " " + a.detail())
                .isEqualTo("send_dtmf 12*#AD");
    }

    @Test
    void aDigitRefusedHalfWayTracesTheDigitsSentBeforeItAndSaysSo() {
        talkingThroughLocal();
        asterisk.refusing(a -> a instanceof PlayDtmfAction p && p.getDigit().equals("3"));

        assertRefused(() -> control.sendDtmf(7, Party.CLIENT, new Dtmf("1234")),
                ControlRefusedException.Reason.ASTERISK_REFUSED, "the digits before it were sent: '12'");
        assertThat(trace.ofCall(7)).singleElement().extracting(a -> a.detail()).isEqualTo("12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789", "*#ABCD", "1", "12345678901234567890123456789012"})
    void dtmfDigitsAreTheSixteenKeys(String digits) throws Exception {
        assertThat(Dtmf.parse(digits).digits()).isEqualTo(digits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1\r\nAction: Originate", "12a", "1 2", "E", "1,2", "123456789012345678901234567890123",
        "\u0661"})
    void anythingElseIsRefusedNamingDigits(String digits) {
        assertThatThrownBy(() -> Dtmf.parse(digits)).isInstanceOfSatisfying(ControlRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo(ControlRefusedException.Reason.INVALID_PARAMETER);
            assertThat(e.parameter()).isEqualTo("digits");
            assertThat(e.getMessage()).startsWith("digits: ");
        });
    }

    @Test
    void noDigitsIsRefused() {
        assertThatThrownBy(() -> Dtmf.parse(null)).hasMessageStartingWith("digits: is required");
        assertThatThrownBy(() -> Dtmf.parse("")).hasMessageStartingWith("digits: is required");
    }

    @Test
    void asteriskDurationGivesWhenTheChannelStarted() {
        assertThat(LiveChannel.since("01:02:03", T0)).isEqualTo(T0.minusSeconds(3723));
        assertThat(LiveChannel.since("garbage", T0)).isEqualTo(T0);
        assertThat(LiveChannel.since(null, T0)).isEqualTo(T0);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void assertRefused(Action action, ControlRefusedException.Reason reason, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ControlRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
