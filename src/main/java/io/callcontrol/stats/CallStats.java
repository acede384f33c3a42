package io.callcontrol.stats;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import io.callcontrol.http.render.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * callStats' answer: the figures of the range's ended calls in all, by operator, by local day and by local hour
 * (only the groups that have calls, in order). As CSV it is one table, a row per group, its kind in {@code group}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallStats(String from, String to, String timeZone, String sip, Totals totals,
                        @JacksonXmlElementWrapper(localName = "by_operator") @JacksonXmlProperty(localName = "operator")
                        List<OperatorRow> byOperator,
                        @JacksonXmlElementWrapper(localName = "by_day") @JacksonXmlProperty(localName = "day")
                        List<DayRow> byDay,
                        @JacksonXmlElementWrapper(localName = "by_hour") @JacksonXmlProperty(localName = "hour")
                        List<HourRow> byHour) implements Table {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Totals(long calls, long answered, Double answerRate, Long avgRingMs, Long avgTalkMs,
                         Map<String, Long> statuses) {
        static Totals of(Figures f) {
            return new Totals(f.calls(), f.answered(), f.answerRate(), f.averageRingMs(), f.averageTalkMs(),
                    f.statuses());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OperatorRow(String sip, long calls, long answered, Double answerRate, Long avgRingMs,
                              Long avgTalkMs, Map<String, Long> statuses) {
        static OperatorRow of(String sip, Figures f) {
            return new OperatorRow(sip, f.calls(), f.answered(), f.answerRate(), f.averageRingMs(),
                    f.averageTalkMs(), f.statuses());
        }
    }

    /** A local date, {@code 2026-12-07}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DayRow(String date, long calls, long answered, Double answerRate, Long avgRingMs, Long avgTalkMs,
                         Map<String, Long> statuses) {
        static DayRow of(String date, Figures f) {
            return new DayRow(date, f.calls(), f.answered(), f.answerRate(), f.averageRingMs(), f.averageTalkMs(),
                    f.statuses());
        }
    }

    /** A local hour by its start with its offset, {@code 2026-12-07T09:00:00+02:00}: a DST day has 23 or 25. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record HourRow(String hour, long calls, long answered, Double answerRate, Long avgRingMs,
                          Long avgTalkMs, Map<String, Long> statuses) {
        static HourRow of(String hour, Figures f) {
            return new HourRow(hour, f.calls(), f.answered(), f.answerRate(), f.averageRingMs(), f.averageTalkMs(),
                    f.statuses());
        }
    }

    @JsonIgnore
    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("group", "key", "calls", "answered", "answer_rate",
                "avg_ring_ms", "avg_talk_ms"));
        Figures.TERMINAL.forEach(status -> columns.add(status.name()));
        return columns;
    }

    @JsonIgnore
    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("total", from + ".." + to, totals.calls(), totals.answered(), totals.answerRate(),
                totals.avgRingMs(), totals.avgTalkMs(), totals.statuses()));
        byOperator.forEach(r -> rows.add(row("operator", r.sip(), r.calls(), r.answered(), r.answerRate(),
                r.avgRingMs(), r.avgTalkMs(), r.statuses())));
        byDay.forEach(r -> rows.add(row("day", r.date(), r.calls(), r.answered(), r.answerRate(), r.avgRingMs(),
                r.avgTalkMs(), r.statuses())));
        byHour.forEach(r -> rows.add(row("hour", r.hour(), r.calls(), r.answered(), r.answerRate(), r.avgRingMs(),
                r.avgTalkMs(), r.statuses())));
        return rows;
    }

    private static List<Object> row(String group, String key, long calls, long answered, Double rate, Long ring,
                                    Long talk, Map<String, Long> statuses) {
        List<Object> row = new ArrayList<>(List.of(group, key, calls, answered));
        row.add(rate);
        row.add(ring);
        row.add(talk);
        row.addAll(statuses.values());
        return row;
    }
}
