package io.callcontrol.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers callStats from the tallies: the range's quarter hours, each put into its local day and hour by the zone's
 * offset at that quarter (every offset and every change of it falls on a quarter hour: {@link StatsRequest} checks),
 * and the operators' sums. The totals are the sum of the quarters, so they always equal the days' and hours' sums.
 */
public final class CallStatsReader {

    private static final long HOUR_MS = 3_600_000;
    private static final long DAY_MS = 86_400_000;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /** A local hour: its start in local epoch millis and its offset (a DST fall-back repeats an hour's local time). */
    private record LocalHour(long localMs, int offsetSeconds) implements Comparable<LocalHour> {
        @Override
        public int compareTo(LocalHour other) {
            long a = localMs - offsetSeconds * 1000L;
            long b = other.localMs - other.offsetSeconds * 1000L;
            return Long.compare(a, b);
        }
    }

    private final TallyStore store;

    public CallStatsReader(TallyStore store) {
        this.store = store;
    }

    public CallStats read(StatsRequest request) {
        long fromQuarter = request.start().toEpochMilli() / StatsRequest.QUARTER_MS;
        long untilQuarter = request.end().toEpochMilli() / StatsRequest.QUARTER_MS;
        // in a zone whose local hours are UTC hours, the store sums each hour's quarters: a quarter of the rows
        TallyStore.Tallies tallies = store.tallies(request.sip(), fromQuarter, untilQuarter,
                request.inWholeHours() ? 4 : 1);
        ZoneRules rules = request.zone().getRules();
        Figures totals = new Figures();
        Map<Long, Figures> days = new TreeMap<>();
        Map<LocalHour, Figures> hours = new TreeMap<>();
        for (TallyStore.QuarterTally q : tallies.quarters()) {
            long utcMs = q.quarter() * StatsRequest.QUARTER_MS;
            int offset = rules.getOffset(Instant.ofEpochMilli(utcMs)).getTotalSeconds();
            long localMs = utcMs + offset * 1000L;
            totals.add(q.status(), q.tally());
            days.computeIfAbsent(Math.floorDiv(localMs, DAY_MS), d -> new Figures()).add(q.status(), q.tally());
            hours.computeIfAbsent(new LocalHour(Math.floorDiv(localMs, HOUR_MS) * HOUR_MS, offset),
                    h -> new Figures()).add(q.status(), q.tally());
        }
        Map<String, Figures> operators = new TreeMap<>();
        for (TallyStore.OperatorTally o : tallies.operators()) {
            operators.computeIfAbsent(o.sip(), s -> new Figures()).add(o.status(), o.tally());
        }
        return new CallStats(request.from().toString(), request.to().toString(), request.zone().getId(),
                request.sip(), CallStats.Totals.of(totals),
                operators.entrySet().stream().map(e -> CallStats.OperatorRow.of(e.getKey(), e.getValue())).toList(),
                days.entrySet().stream()
                        .map(e -> CallStats.DayRow.of(LocalDate.ofEpochDay(e.getKey()).toString(), e.getValue()))
                        .toList(),
                hours.entrySet().stream().map(e -> CallStats.HourRow.of(hour(e.getKey()), e.getValue())).toList());
    }

    private static String hour(LocalHour hour) {
        return HOUR.format(LocalDateTime.ofEpochSecond(Math.floorDiv(hour.localMs(), 1000L), 0, ZoneOffset.UTC)
                .atOffset(ZoneOffset.ofTotalSeconds(hour.offsetSeconds())));
    }
}
