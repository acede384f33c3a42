package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * call_events and calls grow to millions of rows: every lookup of SqlHistory must go through an index. SQLite
 * plans without statistics (nobody runs ANALYZE on the daemon's store), so the plan on an empty store is the
 * plan in production.
 */
class QueryPlanTest {

    @TempDir
    Path dir;

    private TestStore t;

    @BeforeEach
    void open() {
        t = TestStore.open(dir);
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void theCursorSeeksByPrimaryKey() {
        assertThat(plan(SqlHistory.STATUSES_AFTER))
                .containsExactly("SEARCH call_events USING INTEGER PRIMARY KEY (rowid>?)");
    }

    @Test
    void aCallsHistoryUsesItsUniqueIndex() {
        assertThat(plan(SqlHistory.CALL_HISTORY))
                .anySatisfy(step -> assertThat(step).startsWith("SEARCH call_events USING INDEX").contains("(call_id=?)"))
                .noneSatisfy(step -> assertThat(step).startsWith("SCAN"));
    }

    @Test
    void anOrdersRowsUseTheOrderIndexesInIdOrder() {
        assertThat(plan(SqlHistory.ORDER_HISTORY))
                .containsExactly("SEARCH call_events USING INDEX call_events_by_order (order_id=? AND id>?)");
        assertThat(plan(SqlHistory.CALLS_OF_ORDER))
                .containsExactly("SEARCH calls USING INDEX calls_by_order (order_id=? AND id>?)");
        assertThat(plan(SqlHistory.RECORDINGS_OF_CALLS))
                .containsExactly("SEARCH recordings USING INDEX recordings_by_order (order_id=?)");
    }

    @Test
    void singleRowsAreFoundByPrimaryKey() {
        assertThat(plan(SqlHistory.CALL_BY_ID)).containsExactly("SEARCH calls USING INTEGER PRIMARY KEY (rowid=?)");
        assertThat(plan(SqlHistory.RECORDING_BY_ID))
                .containsExactly("SEARCH recordings USING INTEGER PRIMARY KEY (rowid=?)");
    }

    @Test
    void callsInProgressReadOnlyThePartialIndex() {
        assertThat(plan(SqlHistory.CALLS_IN_PROGRESS)).containsExactly("SCAN calls USING INDEX calls_in_progress");
    }

    @Test
    void newestFirstPagesReadTheirIndexBackwardsWithoutSorting() {
        assertThat(plan(SqlHistory.OPERATOR_HISTORY_OF_SIP))
                .containsExactly("SEARCH operator_events USING INDEX operator_events_by_sip (sip=?)");
        assertThat(plan(SqlHistory.OPERATOR_HISTORY)).containsExactly("SCAN operator_events");
        assertThat(plan(SqlHistory.RECORDINGS)).containsExactly("SCAN recordings");
        assertThat(plan(SqlHistory.RECENT_CALLS)).containsExactly("SCAN calls");
    }

    @Test
    void pagesByKeySeekToTheirFirstRow() {
        assertThat(plan(SqlHistory.RECORDINGS_BEFORE))
                .containsExactly("SEARCH recordings USING INTEGER PRIMARY KEY (rowid<?)");
        assertThat(plan(SqlHistory.OPERATOR_HISTORY_BEFORE))
                .containsExactly("SEARCH operator_events USING INTEGER PRIMARY KEY (rowid<?)");
        assertThat(plan(SqlHistory.OPERATOR_HISTORY_OF_SIP_BEFORE))
                .containsExactly("SEARCH operator_events USING INDEX operator_events_by_sip (sip=? AND id<?)");
    }

    @Test
    void aListingsSizeIsOneRowNotACount() {
        assertThat(plan(SqlHistory.ROW_COUNT))
                .containsExactly("SEARCH row_counts USING INDEX sqlite_autoindex_row_counts_1 (listing=?)");
    }

    @Test
    void thePushFeedsReadTheEventLogByKeys() {
        assertThat(plan(EventLog.STATUSES_AFTER)).containsExactly(
                "SEARCH e USING INTEGER PRIMARY KEY (rowid>?)",
                "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)",
                "SEARCH p USING INDEX sqlite_autoindex_call_events_1 (call_id=? AND status=?) LEFT-JOIN");
        assertThat(plan(EventLog.OTHERS_AFTER)).hasSize(4).allSatisfy(step -> assertThat(step)
                .startsWith("SEARCH").contains(" USING INTEGER PRIMARY KEY (rowid"));
        assertThat(plan(EventLog.COUNT_AFTER)).contains(
                "SEARCH call_events USING INTEGER PRIMARY KEY (rowid>?)",
                "SEARCH event_positions USING INTEGER PRIMARY KEY (rowid>?)");
        assertThat(plan(EventLog.NEWEST)).noneSatisfy(step -> assertThat(step).startsWith("SCAN"));
    }

    @Test
    void theWritersStatementsSeekNeverScan() {
        assertThat(plan(CallStore.INSERT_CALL))
                .contains("SEARCH calls")
                .noneSatisfy(step -> assertThat(step).startsWith("SCAN calls"));
        assertThat(plan(StatusRows.INSERT_EVENT))
                .containsExactly("SEARCH calls USING INTEGER PRIMARY KEY (rowid=?)");
        assertThat(plan(StatusRows.UPDATE_CALL))
                .containsExactly("SEARCH calls USING INTEGER PRIMARY KEY (rowid=?)");
        assertThat(plan(CallStore.CALL_WITH_KEY))
                .containsExactly("SEARCH calls USING COVERING INDEX sqlite_autoindex_calls_1 (external_key=?)");
    }

    @Test
    void schedulesAreFoundByTheirIndexes() {
        assertThat(plan(ScheduleStore.DUE)).containsExactly("SEARCH schedules USING INDEX schedules_due (next_at<?)");
        assertThat(plan(ScheduleStore.NEXT_DUE)).containsExactly("SEARCH schedules USING COVERING INDEX schedules_due");
        assertThat(plan(ScheduleStore.CALLING)).containsExactly("SCAN schedules USING INDEX schedules_calling");
        assertThat(plan(ScheduleStore.BY_EXTERNAL_KEY))
                .containsExactly("SEARCH schedules USING INDEX sqlite_autoindex_schedules_1 (external_key=?)");
        assertThat(plan(ScheduleStore.BY_CALL)).noneSatisfy(step -> assertThat(step).startsWith("SCAN"));
        assertThat(plan(ScheduleStore.CALL_OF_EXTERNAL_KEY)).noneSatisfy(step -> assertThat(step).startsWith("SCAN"));
    }

    /** The steps of SQLite's plan, such as "SEARCH calls USING INTEGER PRIMARY KEY (rowid=?)". */
    /** callStats reads tallies by key ranges only: a month is a few thousand rows whatever the number of calls. */
    @Test
    void theStatisticsReadTalliesByKeyRanges() {
        assertThat(plan(SqlStats.QUARTERS)).first().asString()
                .isEqualTo("SEARCH stats_quarters USING PRIMARY KEY (sip=? AND quarter>? AND quarter<?)");
        assertThat(plan(SqlStats.OPERATOR_DAYS)).first().asString()
                .isEqualTo("SEARCH stats_days USING PRIMARY KEY (day>? AND day<?)");
        assertThat(plan(SqlStats.OPERATOR_QUARTERS)).first().asString()
                .isEqualTo("SEARCH stats_quarters USING INDEX stats_quarters_by_quarter (quarter>? AND quarter<?)");
    }

    private List<String> plan(String sql) {
        try (Connection c = t.database.connection();
                PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + sql);
                ResultSet rs = s.executeQuery()) {
            List<String> steps = new ArrayList<>();
            while (rs.next()) {
                steps.add(rs.getString("detail"));
            }
            return steps;
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }
}
