package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallRecord;
import io.callcontrol.control.CallAction;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The call-control trace: each accepted action a row of its call, read back oldest first, calls kept apart. */
@BothStores
class CallActionsTest {

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    private TestStore t;
    private CallActions actions;

    @BeforeEach
    void open() {
        t = TestStore.open(kind, dir);
        actions = new CallActions(t.store, t.history, Clock.fixed(TestStore.NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void actionsAreReadBackPerCallInTheOrderWritten() {
        CallRecord one = t.call("k1", "o1");
        CallRecord two = t.call("k2", "o1");
        CallAction first = actions.append(one.callId(), "send_dtmf", "client", "PJSIP/trunk-00000002", "12#").join();
        actions.append(two.callId(), "hangup_leg", "operator", "PJSIP/201-00000003", "").join();
        CallAction last = actions.append(one.callId(), "hangup_leg", "client", "PJSIP/trunk-00000002", "").join();

        assertThat(actions.ofCall(one.callId())).containsExactly(first, last);
        assertThat(first).isEqualTo(new CallAction(first.id(), one.callId(), "send_dtmf", "client",
                "PJSIP/trunk-00000002", "12#", TestStore.NOW));
        assertThat(last.id()).isGreaterThan(first.id());
        assertThat(actions.ofCall(two.callId())).extracting(CallAction::party).containsExactly("operator");
        assertThat(actions.ofCall(999)).isEmpty();
    }
}
