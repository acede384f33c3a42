package io.callcontrol.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.StatusChange;
import io.callcontrol.http.TestClock;
import io.callcontrol.stats.CallStats;
import io.callcontrol.stats.CallStatsReader;
import io.callcontrol.stats.GeneratedCalls;
import io.callcontrol.stats.StatsRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * callStats from the store's tallies, on both stores, against calls written through the daemon's own writer whose
 * outcomes and durations a seeded generator chose: the expected figures are computed from the generator's record.
 */
@BothStores
class CallStatsStoreTest {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    private static final List<String> SIPS = List.of("1000", "1001", "1002");

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    @Test
    void aMonthOfGeneratedCallsHasTheGeneratorsFigures() throws Exception {
        LocalDate from = LocalDate.of(2026, 3, 1);
        LocalDate to = LocalDate.of(2026, 3, 31); // Kyiv moves to summer time on March 29
        GeneratedCalls generator = new GeneratedCalls(42, SIPS);
        Instant start = from.atStartOfDay(KYIV).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(KYIV).toInstant();
        List<GeneratedCalls.Call> inside = generator.between(start, end, 400);
        List<GeneratedCalls.Call> all = new ArrayList<>(inside);
        all.add(generator.at(start.minusMillis(1))); // just before the range's first local midnight
        all.add(generator.at(end)); // the first instant after it
        try (Store s = new Store(kind, dir)) {
            all.forEach(s::write);
            CallStats stats = s.read(StatsRequest.of(from.toString(), to.toString(), "Europe/Kyiv", null, KYIV));

            assertThat(stats.totals().calls()).isEqualTo(inside.size());
            assertThat(stats.totals().statuses()).isEqualTo(statuses(inside));
            assertThat(stats.totals().answered()).isEqualTo(count(inside, c -> c.end() == CallStatus.FINISH));
            assertThat(stats.totals().avgRingMs()).isEqualTo(average(inside, GeneratedCalls.Call::ringMs));
            assertThat(stats.totals().avgTalkMs()).isEqualTo(average(inside, GeneratedCalls.Call::talkMs));
            assertThat(stats.totals().answerRate()).isEqualTo(
                    Math.round(count(inside, c -> c.end() == CallStatus.FINISH) * 10_000.0 / inside.size()) / 10_000.0);
            Map<String, List<GeneratedCalls.Call>> bySip = inside.stream()
                    .collect(Collectors.groupingBy(GeneratedCalls.Call::sip, TreeMap::new, Collectors.toList()));
            assertThat(stats.byOperator()).extracting(CallStats.OperatorRow::sip).containsExactlyElementsOf(bySip.keySet());
            for (CallStats.OperatorRow row : stats.byOperator()) {
                List<GeneratedCalls.Call> calls = bySip.get(row.sip());
                assertThat(row.calls()).isEqualTo(calls.size());
                assertThat(row.statuses()).isEqualTo(statuses(calls));
                assertThat(row.avgRingMs()).isEqualTo(average(calls, GeneratedCalls.Call::ringMs));
                assertThat(row.avgTalkMs()).isEqualTo(average(calls, GeneratedCalls.Call::talkMs));
            }
            Map<String, List<GeneratedCalls.Call>> byDay = inside.stream().collect(Collectors.groupingBy(
                    c -> c.placed().atZone(KYIV).toLocalDate().toString(), TreeMap::new, Collectors.toList()));
            assertThat(stats.byDay()).extracting(CallStats.DayRow::date).containsExactlyElementsOf(byDay.keySet());
            for (CallStats.DayRow row : stats.byDay()) {
                assertThat(row.statuses()).isEqualTo(statuses(byDay.get(row.date())));
                assertThat(row.avgTalkMs()).isEqualTo(average(byDay.get(row.date()), GeneratedCalls.Call::talkMs));
            }
            Map<String, List<GeneratedCalls.Call>> byHour = inside.stream().collect(Collectors.groupingBy(
                    c -> hourOf(c.placed()), TreeMap::new, Collectors.toList()));
            assertThat(stats.byHour()).extracting(CallStats.HourRow::hour)
                    .containsExactlyInAnyOrderElementsOf(byHour.keySet());
            for (CallStats.HourRow row : stats.byHour()) {
                assertThat(row.statuses()).as(row.hour()).isEqualTo(statuses(byHour.get(row.hour())));
            }

            CallStats one = s.read(StatsRequest.of(from.toString(), to.toString(), "Europe/Kyiv", "1001", KYIV));
            assertThat(one.totals().statuses()).isEqualTo(statuses(bySip.get("1001")));
            assertThat(one.byOperator()).singleElement().satisfies(r -> assertThat(r.calls())
                    .isEqualTo(bySip.get("1001").size()));
            assertThat(one.byHour().stream().mapToLong(CallStats.HourRow::calls).sum()).isEqualTo(bySip.get("1001").size());
        }
    }

    @Test
    void aCallJustBeforeOrAfterLocalMidnightCountsOnItsOwnLocalDay() throws Exception {
        Instant midnight = LocalDate.of(2026, 6, 10).atStartOfDay(KYIV).toInstant();
        GeneratedCalls generator = new GeneratedCalls(7, SIPS);
        try (Store s = new Store(kind, dir)) {
            GeneratedCalls.Call before = generator.at(midnight.minusMillis(1));
            GeneratedCalls.Call after = generator.at(midnight);
            s.write(before);
            s.write(after);

            CallStats ninth = s.read(StatsRequest.of("2026-06-09", "2026-06-09", "Europe/Kyiv", null, KYIV));
            CallStats tenth = s.read(StatsRequest.of("2026-06-10", "2026-06-10", "Europe/Kyiv", null, KYIV));
            CallStats utcNinth = s.read(StatsRequest.of("2026-06-09", "2026-06-09", "UTC", null, KYIV));

            assertThat(ninth.totals().calls()).isEqualTo(1);
            assertThat(ninth.byOperator()).extracting(CallStats.OperatorRow::sip).containsExactly(before.sip());
            assertThat(ninth.byHour()).extracting(CallStats.HourRow::hour).containsExactly("2026-06-09T23:00:00+03:00");
            assertThat(tenth.totals().calls()).isEqualTo(1);
            assertThat(tenth.byDay()).extracting(CallStats.DayRow::date).containsExactly("2026-06-10");
            assertThat(tenth.byHour()).extracting(CallStats.HourRow::hour).containsExactly("2026-06-10T00:00:00+03:00");
            assertThat(utcNinth.totals().calls()).isEqualTo(2); // 20:59:59.999Z and 21:00Z
        }
    }

    /** Kolkata's hours start at half past UTC hours: they are summed from quarters, not from UTC hours. */
    @Test
    void aHalfHourZonesLocalHoursAndDays() throws Exception {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        GeneratedCalls generator = new GeneratedCalls(5, SIPS);
        List<String> local = List.of("2026-06-09T23:59:59.999", "2026-06-10T00:00", "2026-06-10T10:59:59.999",
                "2026-06-10T11:00", "2026-06-10T23:59:59.999", "2026-06-11T00:00");
        try (Store s = new Store(kind, dir)) {
            local.forEach(t -> s.write(generator.at(java.time.LocalDateTime.parse(t).atZone(kolkata).toInstant())));
            CallStats stats = s.read(StatsRequest.of("2026-06-10", "2026-06-10", "Asia/Kolkata", null, KYIV));

            assertThat(stats.totals().calls()).isEqualTo(4);
            assertThat(stats.byDay()).extracting(CallStats.DayRow::date).containsExactly("2026-06-10");
            assertThat(stats.byHour()).extracting(CallStats.HourRow::hour).containsExactly(
                    "2026-06-10T00:00:00+05:30", "2026-06-10T10:00:00+05:30", "2026-06-10T11:00:00+05:30",
                    "2026-06-10T23:00:00+05:30");
            assertThat(stats.byOperator().stream().mapToLong(CallStats.OperatorRow::calls).sum()).isEqualTo(4);
        }
    }

    @Test
    void theDayTheClocksGoBackHas25HoursAndItsRepeatedHourTwice() throws Exception {
        LocalDate day = LocalDate.of(2026, 10, 25); // Kyiv: 04:00 EEST becomes 03:00 EET
        Instant start = day.atStartOfDay(KYIV).toInstant();
        GeneratedCalls generator = new GeneratedCalls(9, SIPS);
        List<GeneratedCalls.Call> calls = new ArrayList<>();
        for (int hour = 0; hour < 25; hour++) {
            calls.add(generator.at(start.plus(Duration.ofHours(hour)).plusSeconds(90)));
        }
        try (Store s = new Store(kind, dir)) {
            calls.forEach(s::write);
            CallStats stats = s.read(StatsRequest.of(day.toString(), day.toString(), "Europe/Kyiv", null, KYIV));

            assertThat(stats.totals().calls()).isEqualTo(25);
            assertThat(stats.byDay()).singleElement().satisfies(d -> assertThat(d.calls()).isEqualTo(25));
            assertThat(stats.byHour()).hasSize(25);
            assertThat(stats.byHour()).extracting(CallStats.HourRow::hour)
                    .contains("2026-10-25T03:00:00+03:00", "2026-10-25T03:00:00+02:00")
                    .startsWith("2026-10-25T00:00:00+03:00").endsWith("2026-10-25T23:00:00+02:00");
        }
    }

    @Test
    void anEmptyRangeHasZerosAndNoGroups() throws Exception {
        try (Store s = new Store(kind, dir)) {
            s.write(new GeneratedCalls(1, SIPS).at(Instant.parse("2026-01-15T10:00:00Z")));
            CallStats stats = s.read(StatsRequest.of("2026-02-01", "2026-02-28", "Europe/Kyiv", null, KYIV));

            assertThat(stats.totals().calls()).isZero();
            assertThat(stats.totals().answerRate()).isNull();
            assertThat(stats.totals().avgRingMs()).isNull();
            assertThat(stats.totals().statuses()).containsOnlyKeys("OPERATOR_NOANSWER", "OPERATOR_BUSY",
                    "OPERATOR_OFFLINE", "CLIENT_NOANSWER", "CLIENT_BUSY", "CLIENT_CANCEL", "ERROR", "FINISH")
                    .allSatisfy((status, n) -> assertThat(n).isZero());
            assertThat(stats.byOperator()).isEmpty();
            assertThat(stats.byDay()).isEmpty();
            assertThat(stats.byHour()).isEmpty();
        }
    }

    @Test
    void aCallStillRunningIsNotCountedUntilItEnds() throws Exception {
        try (Store s = new Store(kind, dir)) {
            Instant placed = Instant.parse("2026-04-02T10:00:00Z");
            s.clock.set(placed);
            CallRecord call = s.store.createCall("1000", "380501112233", "o-1", "k-running",
                    io.callcontrol.call.FirstParty.OPERATOR, Duration.ofSeconds(10)).join();
            s.clock.advance(Duration.ofSeconds(2));
            s.store.appendStatuses(call.callId(), call.orderId(), List.of(
                    new StatusChange(CallStatus.OPERATOR_CALLTO, ""))).join();
            StatsRequest day = StatsRequest.of("2026-04-02", "2026-04-02", "UTC", null, KYIV);
            assertThat(s.read(day).totals().calls()).isZero();

            s.clock.advance(Duration.ofSeconds(3));
            s.store.appendStatuses(call.callId(), call.orderId(), List.of(
                    new StatusChange(CallStatus.OPERATOR_NOANSWER, ""))).join();
            s.store.appendStatuses(call.callId(), call.orderId(), List.of( // a replayed end changes nothing
                    new StatusChange(CallStatus.OPERATOR_NOANSWER, ""))).join();
            CallStats stats = s.read(day);
            assertThat(stats.totals().statuses()).containsEntry("OPERATOR_NOANSWER", 1L);
            assertThat(stats.totals().calls()).isEqualTo(1);
            assertThat(stats.totals().avgRingMs()).isEqualTo(3_000L);
        }
    }

    /**
     * A store whose calls ended before V8 gets the same times and tallies from the migration's backfill as the
     * trigger gives calls that end after it: the generated calls are written at V8, V8 is then taken off again
     * (its tables, trigger and columns dropped, its version forgotten), and the reopened store applies it anew.
     */
    @Test
    void theMigrationsBackfillEqualsWhatTheTriggerWrites() throws Exception {
        GeneratedCalls generator = new GeneratedCalls(11, SIPS);
        List<GeneratedCalls.Call> calls = generator.between(Instant.parse("2026-05-01T00:00:00Z"),
                Instant.parse("2026-05-05T00:00:00Z"), 120);
        List<String> written;
        try (Store s = new Store(kind, dir)) {
            calls.forEach(s::write);
            written = s.tallies();
            assertThat(written).hasSizeGreaterThan(100);
        }
        try (Connection c = TestStore.connect(kind, dir); Statement st = c.createStatement()) {
            st.execute(kind == StoreKind.SQLITE ? "DROP TRIGGER call_ended_stats"
                    : "DROP TRIGGER call_ended_stats ON call_events");
            if (kind == StoreKind.POSTGRESQL) {
                st.execute("DROP FUNCTION call_ended_stats()");
            }
            st.execute("DROP TABLE stats_quarters");
            st.execute("DROP TABLE stats_days");
            st.execute("ALTER TABLE calls DROP COLUMN ring_ms");
            st.execute("ALTER TABLE calls DROP COLUMN talk_ms");
            st.execute("DELETE FROM schema_version WHERE version = 8");
        }
        try (Store s = new Store(kind, dir)) {
            assertThat(s.tallies()).containsExactlyElementsOf(written);
            CallStats stats = s.read(StatsRequest.of("2026-05-01", "2026-05-04", "UTC", null, KYIV));
            assertThat(stats.totals().statuses()).isEqualTo(statuses(calls));
            assertThat(stats.totals().avgRingMs()).isEqualTo(average(calls, GeneratedCalls.Call::ringMs));
            assertThat(stats.totals().avgTalkMs()).isEqualTo(average(calls, GeneratedCalls.Call::talkMs));
        }
    }

    private static String hourOf(Instant at) {
        ZonedDateTime local = at.atZone(KYIV).withMinute(0).withSecond(0).withNano(0);
        return local.toLocalDateTime() + ":00" + local.getOffset(); // 2026-03-01T09:00 + :00 + +02:00
    }

    private static Map<String, Long> statuses(List<GeneratedCalls.Call> calls) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (CallStatus status : CallStatus.values()) {
            if (status.isTerminal()) {
                counts.put(status.name(), count(calls, c -> c.end() == status));
            }
        }
        return counts;
    }

    private static long count(List<GeneratedCalls.Call> calls, Predicate<GeneratedCalls.Call> which) {
        return calls.stream().filter(which).count();
    }

    private static Long average(List<GeneratedCalls.Call> calls, Function<GeneratedCalls.Call, Long> value) {
        List<Long> values = calls.stream().map(value).filter(v -> v != null).toList();
        return values.isEmpty() ? null
                : Math.round((double) values.stream().mapToLong(Long::longValue).sum() / values.size());
    }

    /** The store with a clock the generated calls set, written through the daemon's writer (CallStore). */
    private static final class Store implements AutoCloseable {
        final TestClock clock = new TestClock(Instant.EPOCH);
        final Database database;
        final CallStore store;
        final CallStatsReader reader;
        private int calls;

        Store(StoreKind kind, Path dir) {
            database = Database.open(TestStore.config(kind, dir));
            store = new CallStore(database, clock);
            reader = new CallStatsReader(new SqlStats(new SqlHistory(database)));
        }

        /** Writes the call as the tracker would: created at its time, each status after its pause. */
        void write(GeneratedCalls.Call call) {
            clock.set(call.placed());
            CallRecord record = store.createCall(call.sip(), "380501112233", "o-" + calls, "k-" + calls++,
                    call.first(), Duration.ofSeconds(10)).join();
            for (GeneratedCalls.Step step : call.steps()) {
                clock.advance(step.after());
                store.appendStatuses(record.callId(), record.orderId(),
                        List.of(new StatusChange(step.status(), ""))).join();
            }
        }

        CallStats read(StatsRequest request) {
            return reader.read(request);
        }

        /** Every tally row and every call's times, as text, in key order. */
        List<String> tallies() {
            List<String> rows = new ArrayList<>();
            String[] queries = {
                "SELECT sip, quarter, status, calls, ring_calls, ring_ms, talk_calls, talk_ms FROM stats_quarters"
                        + " ORDER BY sip, quarter, status",
                "SELECT day, sip, status, calls, ring_calls, ring_ms, talk_calls, talk_ms FROM stats_days"
                        + " ORDER BY day, sip, status",
                "SELECT id, ring_ms, talk_ms, 0, 0, 0, 0, 0 FROM calls ORDER BY id"};
            try (Connection c = database.connection(); Statement st = c.createStatement()) {
                for (String sql : queries) {
                    try (ResultSet rs = st.executeQuery(sql)) {
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= 8; i++) {
                                row.append(rs.getString(i)).append(' ');
                            }
                            rows.add(row.toString());
                        }
                    }
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            return rows;
        }

        @Override
        public void close() {
            store.close();
            database.close();
        }
    }
}
