package io.callcontrol.stats;

/**
 * Sums over a set of ended calls: how many, how many of them rang and for how long in all, how many talked and for
 * how long in all (milliseconds). Tallies add up, so a day's is the sum of its quarter hours'.
 */
public record Tally(long calls, long ringCalls, long ringMs, long talkCalls, long talkMs) {

    public static final Tally NONE = new Tally(0, 0, 0, 0, 0);

    public Tally plus(Tally other) {
        return new Tally(calls + other.calls, ringCalls + other.ringCalls, ringMs + other.ringMs,
                talkCalls + other.talkCalls, talkMs + other.talkMs);
    }
}
