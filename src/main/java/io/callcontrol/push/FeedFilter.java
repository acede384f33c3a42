package io.callcontrol.push;

import java.util.Set;

/**
 * Which events a feed subscriber takes: by kind ({@link EventKind} bits) and by operator. An event's operator is its
 * call's {@code sip} (for a status or a recording) or the operator whose presence changed; an empty {@code sips}
 * takes every operator's. Events left out still move the subscriber's cursor, so a resumed feed neither repeats nor
 * misses any it takes.
 */
public record FeedFilter(int kinds, Set<String> sips) {

    public FeedFilter {
        sips = Set.copyOf(sips);
    }

    /** Every event of these kinds. */
    public static FeedFilter kinds(int kinds) {
        return new FeedFilter(kinds, Set.of());
    }

    public boolean wants(LoggedEvent event) {
        return EventKind.of(event).in(kinds) && (sips.isEmpty() || sips.contains(sipOf(event)));
    }

    private static String sipOf(LoggedEvent event) {
        if (event instanceof LoggedEvent.Status s) {
            return s.sip();
        }
        if (event instanceof LoggedEvent.RecordingReady r) {
            return r.sip();
        }
        return ((LoggedEvent.Presence) event).event().sip();
    }
}
