package io.callcontrol.stats;

import io.callcontrol.call.CallStatus;
import java.util.List;

/**
 * Where the tallies of ended calls are kept: by the quarter hour (UTC) in which each call was placed, its operator
 * and its terminal status. Quarters are numbered from the epoch ({@code epoch millis / 900000}). Runs JDBC: never
 * call it on an event loop.
 */
public interface TallyStore {

    /** A quarter hour's tally of the calls that ended in one terminal status. */
    record QuarterTally(long quarter, CallStatus status, Tally tally) {
    }

    /** An operator's tally of the calls that ended in one terminal status. */
    record OperatorTally(String sip, CallStatus status, Tally tally) {
    }

    /** What a range holds: its quarters' tallies, and each operator's summed over the range. */
    record Tallies(List<QuarterTally> quarters, List<OperatorTally> operators) {
    }

    /**
     * The tallies of the quarters in [{@code fromQuarter}, {@code untilQuarter}), read in one snapshot: of one operator
     * (its quarters, and it alone in the operators), or of all together when {@code sip} is null. The quarters come
     * summed by runs of {@code span} (1, or 4 for whole UTC hours), each run named by its first quarter, a multiple of
     * {@code span}: fewer rows when the zone's local hours are UTC hours.
     */
    Tallies tallies(String sip, long fromQuarter, long untilQuarter, int span);
}
