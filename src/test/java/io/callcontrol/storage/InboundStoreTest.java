package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallChain;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Direction;
import io.callcontrol.call.StatusChange;
import io.callcontrol.call.StatusEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Calls the daemon did not place: stored by their Linkedid, with their direction, and the missed ones listed. */
@BothStores
class InboundStoreTest {

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    private TestStore test;
    private InboundStore inbound;

    @BeforeEach
    void open() {
        test = TestStore.open(kind, dir);
        inbound = new InboundStore(test.store);
    }

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void anInboundCallIsStoredWithItsDirectionCallerAndNoOrder() {
        CallRecord placed = test.call("k1", "15");
        CallRecord call = inbound.create("1700000000.1", Direction.INBOUND, "1002", "380501112233", rung()).join();
        inbound.append("1700000000.1", "1000", List.of(new StatusChange(CallStatus.OPERATOR_PICKUP, "answered"),
                new StatusChange(CallStatus.FINISH, "caller cause 16"))).join();

        CallChain chain = test.history.callChain(call.callId()).orElseThrow();
        assertThat(chain.call().direction()).isEqualTo(Direction.INBOUND);
        assertThat(chain.call().phone()).isEqualTo("380501112233");
        assertThat(chain.call().sip()).as("the operator who answered").isEqualTo("1000");
        assertThat(chain.call().orderId()).isEmpty();
        assertThat(chain.call().status()).isEqualTo(CallStatus.FINISH);
        assertThat(chain.history()).extracting(StatusEvent::status).containsExactly(CallStatus.CALL,
                CallStatus.OPERATOR_CALLTO, CallStatus.OPERATOR_PICKUP, CallStatus.FINISH);
        assertThat(chain.history()).extracting(StatusEvent::direction).containsOnly(Direction.INBOUND);
        assertThat(test.history.statusesAfter(0, 100)).filteredOn(e -> e.callId() == placed.callId())
                .extracting(StatusEvent::direction).containsOnly(Direction.OUTBOUND);
    }

    @Test
    void theSameConversationIsStoredOnce() {
        CallRecord first = inbound.create("1700000000.1", Direction.INBOUND, "1002", "380501112233", rung()).join();
        assertThat(inbound.create("1700000000.1", Direction.INBOUND, "1002", "380501112233", rung()).join()).isNull();
        assertThat(test.history.callChain(first.callId()).orElseThrow().history()).hasSize(2);
    }

    @Test
    void statusesOfAConversationNotStoredChangeNothing() {
        assertThat(inbound.append("1700000000.9", "1000",
                List.of(new StatusChange(CallStatus.FINISH, "x"))).join()).isEmpty();
    }

    @Test
    void missedCallsAreTheInboundOnesNoOperatorAnswered() {
        CallRecord noAnswer = ended("1.1", CallStatus.OPERATOR_NOANSWER);
        ended("1.2", CallStatus.FINISH);
        CallRecord cancelled = ended("1.3", CallStatus.CLIENT_CANCEL);
        inbound.create("1.4", Direction.INBOUND, "1002", "380501110004", rung()).join(); // still ringing
        CallRecord placed = test.call("k1", "15");
        test.append(placed, CallStatus.OPERATOR_NOANSWER);

        assertThat(test.history.missedCalls(0, Instant.EPOCH, TestStore.NOW.plusSeconds(1), 10))
                .extracting(CallRecord::callId).containsExactly(noAnswer.callId(), cancelled.callId());
        assertThat(test.history.missedCalls(noAnswer.callId(), Instant.EPOCH, TestStore.NOW.plusSeconds(1), 10))
                .extracting(CallRecord::phone).containsExactly("380501111.3");
        assertThat(test.history.missedCalls(0, Instant.EPOCH, TestStore.NOW.plusSeconds(1), 1)).hasSize(1);
        assertThat(test.history.missedCalls(0, TestStore.NOW.plusSeconds(1), TestStore.NOW.plusSeconds(2), 10))
                .isEmpty();
    }

    @Test
    void callsStoredBeforeDirectionsExistedAreOutbound() {
        CallRecord placed = test.call("k1", "15");
        assertThat(test.history.call(placed.callId()).orElseThrow().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(test.number("SELECT COUNT(*) FROM calls WHERE direction = 'outbound'")).isEqualTo(1);
    }

    private CallRecord ended(String linkedId, CallStatus end) {
        CallRecord call = inbound.create(linkedId, Direction.INBOUND, "1002", "38050111" + linkedId, rung()).join();
        inbound.append(linkedId, "1002", List.of(new StatusChange(end, end.name()))).join();
        return call;
    }

    private static List<StatusChange> rung() {
        return List.of(new StatusChange(CallStatus.CALL, "call from 380501112233"),
                new StatusChange(CallStatus.OPERATOR_CALLTO, "ringing operator 1002"));
    }
}
