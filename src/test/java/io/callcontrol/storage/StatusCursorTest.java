package io.callcontrol.storage;

import static io.callcontrol.call.CallStatus.CALL;
import static io.callcontrol.call.CallStatus.CLIENT_CALLTO;
import static io.callcontrol.call.CallStatus.CLIENT_PICKUP;
import static io.callcontrol.call.CallStatus.FINISH;
import static io.callcontrol.call.CallStatus.OPERATOR_CALLTO;
import static io.callcontrol.call.CallStatus.OPERATOR_PICKUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.StatusEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The CRM polls statusesAfter(cursor) while calls progress: it must see every event once, in order, none lost. */
@BothStores
class StatusCursorTest {

    @Parameter
    StoreKind kind;

    private static final int CALLS = 20;
    private static final List<CallStatus> LATER = List.of(OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO,
            CLIENT_PICKUP, FINISH);

    @TempDir
    Path dir;

    @Test
    void pollingInSmallPagesWhileCallsProgressSeesEveryEventOnce() {
        try (TestStore t = TestStore.open(kind, dir)) {
            List<CallRecord> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(t.call("key-" + i, "order-" + i % 3));
            }
            int expected = CALLS * (1 + LATER.size());

            CompletableFuture<Void> appender = CompletableFuture.runAsync(() -> progressInterleaved(t, calls));
            List<StatusEvent> seen = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> poll(t, expected));
            appender.join();

            assertThat(seen).extracting(StatusEvent::id).isSorted().doesNotHaveDuplicates();
            assertThat(seen).containsExactlyElementsOf(t.history.statusesAfter(0, expected + 1));
            assertThat(seen.get(seen.size() - 1).id() - seen.get(0).id() + 1).isEqualTo(expected);
            assertThat(seen.stream().collect(Collectors.groupingBy(StatusEvent::callId)))
                    .hasSize(CALLS)
                    .allSatisfy((callId, events) -> assertThat(events).extracting(StatusEvent::status)
                            .containsExactly(CALL, OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_PICKUP,
                                    FINISH));
        }
    }

    /** Every call takes its next status in turn, one commit each, so commits keep landing while the reader polls. */
    private static void progressInterleaved(TestStore t, List<CallRecord> calls) {
        for (CallStatus status : LATER) {
            for (CallRecord call : calls) {
                t.append(call, status);
            }
        }
    }

    private static List<StatusEvent> poll(TestStore t, int expected) {
        List<StatusEvent> seen = new ArrayList<>();
        long cursor = 0;
        while (seen.size() < expected) {
            List<StatusEvent> page = t.history.statusesAfter(cursor, 7);
            seen.addAll(page);
            if (!page.isEmpty()) {
                cursor = page.get(page.size() - 1).id();
            }
        }
        return seen;
    }
}
