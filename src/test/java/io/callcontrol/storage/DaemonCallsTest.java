package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusChange;
import io.callcontrol.recording.RecordingDue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The calls by the daemon that follows them: each daemon resumes its own, and a daemon that is gone loses its open
 * calls and due recordings to the one adopting them (a running one keeps them: PostgresStoreTest).
 */
@BothStores
class DaemonCallsTest {

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    private Database database;
    private CallStore a;
    private CallStore b;

    @BeforeEach
    void open() {
        database = Database.open(TestStore.config(kind, dir));
        a = new CallStore(database, Clock.tickMillis(ZoneOffset.UTC), "a");
        b = new CallStore(database, Clock.tickMillis(ZoneOffset.UTC), "b");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        database.close();
    }

    @Test
    void eachDaemonResumesOnlyItsOwnCalls() {
        CallRecord ofA = call(a, "k1");
        CallRecord ofB = call(b, "k2");
        DaemonCalls calls = new DaemonCalls(database, a);
        assertThat(calls.inProgress("a")).containsExactly(ofA);
        assertThat(calls.inProgress("b")).containsExactly(ofB);
        assertThat(calls.othersWithWork("a")).containsExactly("b");
        assertThat(ofA.callId()).as("ids from the one store").isNotEqualTo(ofB.callId());
    }

    @Test
    void aGoneDaemonsOpenCallsAndDueRecordingsAreAdoptedAndItsEndedCallsStay() {
        CallRecord open = call(b, "k1");
        CallRecord ended = call(b, "k2");
        b.appendStatuses(ended.callId(), ended.orderId(), List.of(
                new StatusChange(CallStatus.OPERATOR_BUSY, "busy"))).join();
        CallRecord talked = call(b, "k3");
        b.expectRecording(talked.callId(), "o/k3.wav").join();
        b.appendStatuses(talked.callId(), talked.orderId(), List.of(
                new StatusChange(CallStatus.CLIENT_PICKUP, ""),
                new StatusChange(CallStatus.FINISH, ""))).join();
        DaemonCalls calls = new DaemonCalls(database, a);

        Optional<List<CallRecord>> adopted = calls.adopt("b", Duration.ofSeconds(10)).join();

        assertThat(adopted).contains(List.of(open));
        assertThat(calls.inProgress("a")).containsExactly(open);
        assertThat(calls.inProgress("b")).isEmpty();
        assertThat(calls.recordingsDue("a")).extracting(RecordingDue::callId).containsExactly(talked.callId());
        assertThat(calls.othersWithWork("a")).isEmpty();
        assertThat(calls.adopt("b", Duration.ofSeconds(10)).join()).as("nothing left").contains(List.of());
    }

    private static CallRecord call(CallStore store, String key) {
        return store.createCall("201", "+79001234567", "order-1", key, FirstParty.OPERATOR, Duration.ofSeconds(10))
                .join();
    }
}
