package io.callcontrol.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.http.FakeHistory;
import java.time.Instant;
import java.util.List;
import org.asteriskjava.manager.action.MixMonitorAction;
import org.asteriskjava.manager.action.MixMonitorMuteAction;
import org.asteriskjava.manager.action.StopMixMonitorAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * recordCall over a fake Asterisk: each action is the right AMI action on the originated channel, the state comes
 * from the trace (so a new CallControl over the same trace, as after a restart, knows it), and every refusal sends
 * nothing and traces nothing.
 */
class RecordCallTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ID = "cc-7-0123456789abcdef";

    private final FakeHistory history = new FakeHistory();
    private final FakeLink asterisk = new FakeLink();
    private final MemoryTrace trace = new MemoryTrace();
    private final CallControl control = control();

    private CallControl control() {
        return new CallControl(history, asterisk, new CallLegs(sip -> "PJSIP/" + sip), trace, MemoryTrace.SUPERVISORS,
                MemoryTrace::recording);
    }

    private void talking(FirstParty first) {
        history.calls.add(new CallRecord(7, "15", "k7", "1000", "380639920004", first, ID,
                first == FirstParty.OPERATOR ? CallStatus.CLIENT_PICKUP : CallStatus.OPERATOR_PICKUP, T0, null));
        String originated = first == FirstParty.OPERATOR ? "PJSIP/1000-00000001" : "PJSIP/trunk-00000001";
        String other = first == FirstParty.OPERATOR ? "PJSIP/trunk-00000002" : "PJSIP/1000-00000002";
        asterisk.channels.add(new LiveChannel(other, "1700.2", ID, "Up", "b1", T0.plusSeconds(2)));
        asterisk.channels.add(new LiveChannel(originated, ID, ID, "Up", "b1", T0.plusSeconds(1)));
    }

    @Test
    void pauseResumeStopAndStartAreMixMonitorsActionsOnTheOriginatedChannelEachTraced() throws Exception {
        talking(FirstParty.OPERATOR);

        for (String action : List.of("pause", "resume", "stop", "start", "pause")) {
            CallControl.Done done = control.recordCall(7, RecordAction.parse("action", action));
            assertThat(done.party()).isEqualTo(Party.OPERATOR);
            assertThat(done.channel()).isEqualTo("PJSIP/1000-00000001");
            assertThat(done.actionId()).isEqualTo(trace.actions.size());
        }

        assertThat(asterisk.sent).hasSize(5);
        assertThat(asterisk.sent.get(0)).isInstanceOfSatisfying(MixMonitorMuteAction.class, m -> {
            assertThat(m.getChannel()).isEqualTo("PJSIP/1000-00000001");
            assertThat(m.getDirection()).isEqualTo("both");
            assertThat(m.getState()).isEqualTo(1);
        });
        assertThat(asterisk.sent.get(1)).isInstanceOfSatisfying(MixMonitorMuteAction.class, m -> {
            assertThat(m.getChannel()).isEqualTo("PJSIP/1000-00000001");
            assertThat(m.getDirection()).isEqualTo("both");
            assertThat(m.getState()).isEqualTo(0);
        });
        assertThat(asterisk.sent.get(2)).isInstanceOfSatisfying(StopMixMonitorAction.class, m -> {
            assertThat(m.getChannel()).isEqualTo("PJSIP/1000-00000001");
            assertThat(m.getMixMonitorId()).isNull();
        });
        assertThat(asterisk.sent.get(3)).isInstanceOfSatisfying(MixMonitorAction.class, m -> {
            assertThat(m.getChannel()).isEqualTo("PJSIP/1000-00000001");
            assertThat(m.getFile()).isEqualTo("2025-03-01/15-7.wav");
            assertThat(m.getOptions()).isEqualTo("ab");
            assertThat(m.getCommand()).isNull();
        });
        assertThat(trace.ofCall(7)).extracting(a -> a.action() + " " + a.party() + " " + a.detail()).containsExactly(
                "record_call operator pause", "record_call operator resume", "record_call operator stop",
                "record_call operator start", "record_call operator pause");
    }

    @Test
    void inAClientFirstCallTheRecordingIsOnTheClientsChannel() throws Exception {
        talking(FirstParty.CLIENT);

        CallControl.Done done = control.recordCall(7, RecordAction.STOP);

        assertThat(done.party()).isEqualTo(Party.CLIENT);
        assertThat(asterisk.sent).singleElement().isInstanceOfSatisfying(StopMixMonitorAction.class,
                m -> assertThat(m.getChannel()).isEqualTo("PJSIP/trunk-00000001"));
    }

    @Test
    void eachWrongStateHasItsOwnReasonAndSendsNothing() throws Exception {
        talking(FirstParty.OPERATOR);
        assertRefused(RecordAction.RESUME, ControlRefusedException.Reason.RECORDING_NOT_PAUSED, "is not paused");
        assertRefused(RecordAction.START, ControlRefusedException.Reason.RECORDING_RUNNING, "is running (recording)");

        control.recordCall(7, RecordAction.PAUSE);
        assertRefused(RecordAction.PAUSE, ControlRefusedException.Reason.RECORDING_PAUSED, "is paused already");
        assertRefused(RecordAction.START, ControlRefusedException.Reason.RECORDING_RUNNING, "paused: resume it");

        control.recordCall(7, RecordAction.STOP);
        assertRefused(RecordAction.STOP, ControlRefusedException.Reason.RECORDING_STOPPED, "is stopped already");
        assertRefused(RecordAction.PAUSE, ControlRefusedException.Reason.RECORDING_STOPPED, "is stopped");
        assertRefused(RecordAction.RESUME, ControlRefusedException.Reason.RECORDING_STOPPED, "is stopped");

        assertThat(asterisk.sent).hasSize(2);
        assertThat(trace.ofCall(7)).hasSize(2);
    }

    @Test
    void theStateIsTheTracesSoItOutlivesTheDaemon() throws Exception {
        talking(FirstParty.OPERATOR);
        control.recordCall(7, RecordAction.PAUSE);

        CallControl restarted = control();

        assertThatThrownBy(() -> restarted.recordCall(7, RecordAction.PAUSE))
                .isInstanceOfSatisfying(ControlRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ControlRefusedException.Reason.RECORDING_PAUSED));
        restarted.recordCall(7, RecordAction.RESUME);
        assertThat(asterisk.sent).hasSize(2);
    }

    @Test
    void anEndedUnknownOrChannellessCallIsRefusedAndNothingIsSent() {
        history.calls.add(new CallRecord(6, "15", "k6", "1000", "380639920004", FirstParty.OPERATOR,
                "cc-6-aaaaaaaaaaaaaaaa", CallStatus.FINISH, T0, T0.plusSeconds(9)));
        history.calls.add(new CallRecord(5, "15", "k5", "1000", "380639920004", FirstParty.OPERATOR,
                "cc-5-bbbbbbbbbbbbbbbb", CallStatus.CALL, T0, null));

        for (RecordAction action : RecordAction.values()) {
            assertRefused(6, action, ControlRefusedException.Reason.CALL_ENDED, "call 6 has ended already");
            assertRefused(99, action, ControlRefusedException.Reason.UNKNOWN_CALL, "there is no call 99");
        }
        for (RecordAction action : List.of(RecordAction.PAUSE, RecordAction.STOP)) {
            assertRefused(5, action, ControlRefusedException.Reason.LEG_NOT_PRESENT, "has no operator channel");
        }
        assertThat(asterisk.sent).isEmpty();
        assertThat(trace.actions).isEmpty();
    }

    @Test
    void whatAsteriskRefusesIsNotTracedAndTheStateStays() throws Exception {
        talking(FirstParty.OPERATOR);
        asterisk.refusing(a -> a instanceof MixMonitorMuteAction, "Cannot set mute flag");

        assertRefused(RecordAction.PAUSE, ControlRefusedException.Reason.ASTERISK_REFUSED,
                "Asterisk refused MixMonitorMute: Cannot set mute flag");

        assertThat(trace.actions).isEmpty();
        asterisk.refusing(a -> false);
        control.recordCall(7, RecordAction.PAUSE);
        assertThat(trace.ofCall(7)).singleElement().extracting(CallAction::detail).isEqualTo("pause");
    }

    @Test
    void aStartRefusedForWantOfPermissionSaysWhatTheAmiUserNeeds() throws Exception {
        talking(FirstParty.OPERATOR);
        control.recordCall(7, RecordAction.STOP);
        asterisk.refusing(a -> a instanceof MixMonitorAction, "Permission denied");

        assertRefused(RecordAction.START, ControlRefusedException.Reason.ASTERISK_REFUSED,
                "Asterisk refused MixMonitor: Permission denied; the daemon's AMI user needs 'write = ...,system'");
        assertThat(trace.ofCall(7)).extracting(CallAction::detail).containsExactly("stop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pause", "PAUSE", "pause ", "mute", "", "stop\r\nAction: Hangup", "start,a"})
    void onlyTheFourActionsAsSpelledAreTaken(String action) {
        assertThatThrownBy(() -> RecordAction.parse("action", action))
                .isInstanceOfSatisfying(ControlRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ControlRefusedException.Reason.INVALID_PARAMETER);
                    assertThat(e.parameter()).isEqualTo("action");
                    assertThat(e.getMessage()).startsWith("action: ").contains("pause, resume, stop or start")
                            .doesNotContain("\r", "\n");
                });
    }

    @Test
    void noActionIsRefused() {
        assertThatThrownBy(() -> RecordAction.parse("action", null)).hasMessage(
                "action: is required: pause, resume, stop or start");
    }

    private void assertRefused(RecordAction action, ControlRefusedException.Reason reason, String message) {
        assertRefused(7, action, reason, message);
    }

    private void assertRefused(long callId, RecordAction action, ControlRefusedException.Reason reason,
            String message) {
        assertThatThrownBy(() -> control.recordCall(callId, action))
                .isInstanceOfSatisfying(ControlRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
