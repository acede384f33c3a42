package io.callcontrol.storage;

import io.callcontrol.call.CallStatus;
import io.callcontrol.stats.Tally;
import io.callcontrol.stats.TallyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The call statistics' tallies (V8__call_stats.sql: kept by a trigger as each call's terminal status is written).
 * A range's quarters come from one operator's or all operators' rows of stats_quarters (the primary key's prefix);
 * the operators' sums from stats_days for the whole UTC days inside the range, and from stats_quarters for its ends
 * (a local day is seldom a UTC day). A month is then about 3,000 quarter rows per status, and 31 days of rows per
 * operator and status, whatever the number of calls.
 */
public final class SqlStats implements TallyStore {

    static final long QUARTERS_PER_DAY = 96;
    private static final String SUMS = "SUM(calls), SUM(ring_calls), SUM(ring_ms), SUM(talk_calls), SUM(talk_ms)";
    /** By runs of quarters: the run's number (quarter / span), grouped by its output name, which both stores take. */
    static final String QUARTERS = "SELECT quarter / ? AS run, status, " + SUMS + " FROM stats_quarters"
            + " WHERE sip = ? AND quarter >= ? AND quarter < ? GROUP BY run, status";
    static final String OPERATOR_DAYS = "SELECT sip, status, " + SUMS + " FROM stats_days"
            + " WHERE day >= ? AND day < ? GROUP BY sip, status";
    static final String OPERATOR_QUARTERS = "SELECT sip, status, " + SUMS + " FROM stats_quarters"
            + " WHERE quarter >= ? AND quarter < ? AND sip <> '' GROUP BY sip, status";

    private final SqlHistory history;

    public SqlStats(SqlHistory history) {
        this.history = history;
    }

    @Override
    public Tallies tallies(String sip, long fromQuarter, long untilQuarter, int span) {
        return history.snapshot("the call statistics", c -> {
            List<QuarterTally> quarters = SqlHistory.select(c, QUARTERS, rs -> new QuarterTally(rs.getLong(1) * span,
                    CallStatus.valueOf(rs.getString(2)), tally(rs, 3)), span, sip == null ? "" : sip, fromQuarter,
                    untilQuarter);
            if (sip != null) {
                return new Tallies(quarters, quarters.stream()
                        .map(q -> new OperatorTally(sip, q.status(), q.tally())).toList());
            }
            return new Tallies(quarters, operators(c, fromQuarter, untilQuarter));
        });
    }

    /** Whole UTC days from the days' tallies, the rest of the range from the quarters'. */
    private static List<OperatorTally> operators(Connection c, long fromQuarter, long untilQuarter)
            throws SQLException {
        long firstDay = Math.floorDiv(fromQuarter + QUARTERS_PER_DAY - 1, QUARTERS_PER_DAY);
        long endDay = Math.floorDiv(untilQuarter, QUARTERS_PER_DAY);
        List<OperatorTally> operators = new ArrayList<>();
        if (firstDay >= endDay) {
            operators.addAll(SqlHistory.select(c, OPERATOR_QUARTERS, SqlStats::operator, fromQuarter, untilQuarter));
            return operators;
        }
        operators.addAll(SqlHistory.select(c, OPERATOR_DAYS, SqlStats::operator, firstDay, endDay));
        operators.addAll(SqlHistory.select(c, OPERATOR_QUARTERS, SqlStats::operator, fromQuarter,
                firstDay * QUARTERS_PER_DAY));
        operators.addAll(SqlHistory.select(c, OPERATOR_QUARTERS, SqlStats::operator, endDay * QUARTERS_PER_DAY,
                untilQuarter));
        return operators;
    }

    private static OperatorTally operator(ResultSet rs) throws SQLException {
        return new OperatorTally(rs.getString(1), CallStatus.valueOf(rs.getString(2)), tally(rs, 3));
    }

    private static Tally tally(ResultSet rs, int first) throws SQLException {
        return new Tally(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getLong(first + 4));
    }
}
