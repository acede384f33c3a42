package io.callcontrol.storage;

import static io.callcontrol.call.CallStatus.OPERATOR_CALLTO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.callcontrol.call.CallRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothStores
class WebhookCursorsTest {

    @Parameter
    StoreKind kind;

    private static final String CRM = "https://crm.example/hook";
    private static final String OTHER = "http://10.0.0.5/cc";

    @TempDir
    Path dir;

    private TestStore t;
    private WebhookCursors cursors;

    @BeforeEach
    void open() {
        t = TestStore.open(kind, dir);
        cursors = new WebhookCursors(t.store, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aNewTargetStartsAtTheNewestEventAndAnUnconfiguredOneIsForgotten() {
        assertThat(cursors.open(List.of(CRM)).join()).containsExactly(entry(CRM, 0L));
        CallRecord call = t.call("key-1", "order-1");
        t.append(call, OPERATOR_CALLTO);
        long newest = new EventLog(t.database).newestId();

        assertThat(cursors.open(List.of(CRM, OTHER)).join()).containsExactly(entry(CRM, 0L), entry(OTHER, newest));
        assertThat(cursors.open(List.of(OTHER)).join()).containsExactly(entry(OTHER, newest));
        assertThat(t.number("SELECT COUNT(*) FROM webhook_cursors")).isEqualTo(1);
        assertThat(cursors.open(List.of(CRM, OTHER)).join()).containsExactly(entry(CRM, newest), entry(OTHER, newest));
    }

    @Test
    void aCursorOnlyMovesForwardAndSurvivesReopening() {
        cursors.open(List.of(CRM)).join();

        assertThat(cursors.advance(CRM, 7).join()).isEqualTo(1);
        assertThat(cursors.advance(CRM, 5).join()).as("never back").isZero();
        t.close();
        t = TestStore.open(kind, dir);
        cursors = new WebhookCursors(t.store, Clock.systemUTC());

        assertThat(cursors.open(List.of(CRM)).join()).containsExactly(entry(CRM, 7L));
    }
}
