package io.callcontrol.stats;

import io.callcontrol.call.CallStatus;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one group of ended calls (all of a range, an operator's, a day's, an hour's): calls by terminal
 * status, answered (ended {@code FINISH}: the parties were connected), the answer rate, and the average ring and talk
 * times of the calls that had one (see {@code db/sqlite/V8__call_stats.sql} for what they measure).
 */
final class Figures {

    /** The terminal statuses, in the order of the status chain: every group lists them all, zeros included. */
    static final List<CallStatus> TERMINAL = Arrays.stream(CallStatus.values()).filter(CallStatus::isTerminal)
            .toList();

    private final Map<CallStatus, Tally> byStatus = new EnumMap<>(CallStatus.class);

    void add(CallStatus status, Tally tally) {
        byStatus.merge(status, tally, Tally::plus);
    }

    Tally all() {
        return byStatus.values().stream().reduce(Tally.NONE, Tally::plus);
    }

    long calls() {
        return all().calls();
    }

    long answered() {
        return byStatus.getOrDefault(CallStatus.FINISH, Tally.NONE).calls();
    }

    /** Answered / calls, to 4 decimals; null for no calls. */
    Double answerRate() {
        long calls = calls();
        return calls == 0 ? null : Math.round(answered() * 10_000.0 / calls) / 10_000.0;
    }

    /** Rounded to the millisecond; null when no call rang. */
    Long averageRingMs() {
        Tally all = all();
        return all.ringCalls() == 0 ? null : Math.round((double) all.ringMs() / all.ringCalls());
    }

    Long averageTalkMs() {
        Tally all = all();
        return all.talkCalls() == 0 ? null : Math.round((double) all.talkMs() / all.talkCalls());
    }

    /** Calls by terminal status, every terminal status listed. */
    Map<String, Long> statuses() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (CallStatus status : TERMINAL) {
            counts.put(status.name(), byStatus.getOrDefault(status, Tally.NONE).calls());
        }
        return counts;
    }
}
