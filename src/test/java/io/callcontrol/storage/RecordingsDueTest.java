package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.recording.RecordingDue;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** A connected call's recording is due until it is linked or reported missing; only ended calls are listed. */
@BothStores
class RecordingsDueTest {

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    private TestStore t;

    @BeforeEach
    void open() {
        t = TestStore.open(kind, dir);
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aConnectedCallsRecordingIsListedOnceItEndedAndLeavesWhenLinked() {
        CallRecord call = t.call("k1", "o1");
        t.append(call, CallStatus.OPERATOR_CALLTO, CallStatus.OPERATOR_PICKUP, CallStatus.CLIENT_CALLTO,
                CallStatus.CLIENT_PICKUP);
        assertThat(t.store.expectRecording(call.callId(), "d/o1-1.wav").join()).isTrue();
        assertThat(t.store.expectRecording(call.callId(), "d/o1-1.WAV").join()).as("a replay keeps the first").isFalse();
        assertThat(t.history.recordingsDue()).as("still talking: its end brings the search").isEmpty();

        t.append(call, CallStatus.FINISH);
        assertThat(t.history.recordingsDue()).containsExactly(new RecordingDue(call.callId(), "o1", "d/o1-1.wav"));

        t.store.addRecording(call.callId(), "o1", "d/o1-1.wav", 5000, 3000).join();
        assertThat(t.history.recordingsDue()).isEmpty();
        assertThat(t.store.recordingMissing(call.callId()).join()).as("linked: nothing left to report").isFalse();
    }

    @Test
    void aMissingRecordingIsGivenUpOnceAndNotListedAgain() {
        CallRecord call = t.call("k1", "o1");
        t.store.expectRecording(call.callId(), "d/o1-1.wav").join();
        t.append(call, CallStatus.CLIENT_PICKUP, CallStatus.FINISH);

        assertThat(t.store.recordingMissing(call.callId()).join()).isTrue();
        assertThat(t.store.recordingMissing(call.callId()).join()).isFalse();
        assertThat(t.history.recordingsDue()).isEmpty();
        assertThat(t.number("SELECT COUNT(*) FROM recordings")).isZero();
    }
}
