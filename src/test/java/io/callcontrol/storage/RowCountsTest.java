package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallRecord;
import io.callcontrol.operator.OperatorStatus;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The listing sizes recordList and operatorHistory report come from row_counts: they must equal COUNT(*). */
@BothStores
class RowCountsTest {

    @Parameter
    StoreKind kind;

    private static final List<String> SIPS = List.of("201", "202", "203", "204", "205");

    @TempDir
    Path dir;

    @Test
    void countsStayExactThroughManyWritesAndARestart() {
        Random random = new Random(3);
        try (TestStore t = TestStore.open(kind, dir)) {
            write(t, random, 0);
            assertCountsExact(t);
        }
        try (TestStore t = TestStore.open(kind, dir)) {
            assertCountsExact(t);
            write(t, random, 1);
            assertCountsExact(t);
            assertThat(t.history.recordings(Paging.number(1, 10)).total()).isEqualTo(240);
        }
    }

    @Test
    void theMigrationCountsTheRowsOfAStoreMadeBeforeIt() throws Exception {
        try (Connection c = TestStore.connect(kind, dir); Statement s = c.createStatement()) {
            String folder = kind == StoreKind.SQLITE ? "sqlite" : "postgresql";
            for (String sql : Database.statements(resource("db/" + folder + "/V1__schema.sql"))) {
                s.execute(sql);
            }
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)");
            s.execute("INSERT INTO schema_version VALUES (1, 0)");
            for (int i = 1; i <= 30; i++) {
                s.execute("INSERT INTO calls (id, external_key, order_id, sip, phone, channel_id, status, created_at,"
                        + " updated_at) VALUES (" + i + ", 'k" + i + "', 'o', '201', '380', 'cc-" + i + "-00000000', 'CALL', 0, 0)");
                s.execute("INSERT INTO recordings (call_id, order_id, file, size_bytes, duration_ms, created_at)"
                        + " VALUES (" + i + ", 'o', 'f" + i + "', 1, 1, 0)");
                s.execute("INSERT INTO operator_events (sip, status, device_state, at) VALUES ('"
                        + SIPS.get(i % 2) + "', 'ONLINE', 'NOT_INUSE', 0)");
            }
        }
        try (TestStore t = TestStore.open(kind, dir)) {
            assertThat(t.number("SELECT MAX(version) FROM schema_version")).isGreaterThanOrEqualTo(2);
            assertCountsExact(t);
            assertThat(t.history.recordings(Paging.number(1, 10)).total()).isEqualTo(30);
            assertThat(t.history.operatorHistory("202", Paging.number(1, 10)).total()).isEqualTo(15);

            t.recording(t.call("new", "o"));
            t.store.setOperatorPresence("202", OperatorStatus.INUSE, "INUSE").join();
            assertCountsExact(t);
            assertThat(t.history.recordings(Paging.number(1, 10)).total()).isEqualTo(31);
        }
    }

    @Test
    void aDeletedRowIsNoLongerCounted() {
        try (TestStore t = TestStore.open(kind, dir)) {
            write(t, new Random(5), 0);
            t.execute("DELETE FROM recordings WHERE id % 3 = 0");
            t.execute("DELETE FROM operator_events WHERE sip = '203' OR id % 4 = 0");
            assertCountsExact(t);
            assertThat(t.history.operatorHistory("203", Paging.number(1, 10)).total()).isZero();
        }
    }

    /**
     * 120 calls with a recording each, a quarter of them added twice (an update, not a row), and 400 presence
     * reports of five operators, many repeating the operator's presence (no row).
     */
    private static void write(TestStore t, Random random, int round) {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            calls.add(t.call("key-" + round + "-" + i, "order-" + i % 7));
        }
        for (CallRecord call : calls) {
            t.recording(call);
        }
        for (int i = 0; i < 30; i++) {
            t.recording(calls.get(random.nextInt(calls.size())));
        }
        OperatorStatus[] statuses = OperatorStatus.values();
        for (int i = 0; i < 400; i++) {
            OperatorStatus status = statuses[random.nextInt(statuses.length)];
            t.store.setOperatorPresence(SIPS.get(random.nextInt(SIPS.size())), status, status.name()).join();
        }
    }

    private static void assertCountsExact(TestStore t) {
        assertThat(t.history.recordings(Paging.number(1, 5)).total())
                .isEqualTo(t.number("SELECT COUNT(*) FROM recordings"));
        assertThat(t.history.operatorHistory(null, Paging.number(1, 5)).total())
                .isEqualTo(t.number("SELECT COUNT(*) FROM operator_events"));
        for (String sip : SIPS) {
            assertThat(t.history.operatorHistory(sip, Paging.before(Long.MAX_VALUE, 5)).total()).as(sip)
                    .isEqualTo(t.number("SELECT COUNT(*) FROM operator_events WHERE sip = '" + sip + "'"));
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = RowCountsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
