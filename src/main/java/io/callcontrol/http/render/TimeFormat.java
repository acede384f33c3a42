package io.callcontrol.http.render;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The API's one time format: ISO 8601 with milliseconds and offset, in the configured zone
 * ({@code yyyy-MM-dd'T'HH:mm:ss.SSSxxx}). A history page formats hundreds of times; running the
 * {@link DateTimeFormatter} for each was a tenth of the API's CPU. So the formatter only writes the date and the
 * offset of a stretch of time in which both stay the same (a local day, cut where the offset changes), and the
 * time of day is written by arithmetic. Years outside 1-9999 (which the formatter writes with a sign) go to the
 * formatter itself.
 */
public final class TimeFormat {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");
    private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    private static final int DAY_SECONDS = 86_400;
    /** Stretches kept, one per UTC hour modulo this (a power of two): half a year of hours. */
    private static final int SLOTS = 4096;

    /** Epoch seconds [from, until) with one local date and one offset; {@code midnight} is that date's start. */
    private record Stretch(long from, long until, long midnight, String date, String offset) {
        boolean holds(long second) {
            return second >= from && second < until;
        }
    }

    private final ZoneId zone;
    private final ZoneRules rules;
    private final DateTimeFormatter formatter;
    /**
     * Shared by the worker threads without locks: a stretch is immutable (final fields), so a thread sees it
     * whole or not at all, and a slot overwritten by another thread's stretch only costs a recomputation.
     */
    private final Stretch[] stretches = new Stretch[SLOTS];

    public TimeFormat(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.formatter = FORMAT.withZone(zone);
    }

    /** The zone times are written in: the daemon's. */
    public ZoneId zone() {
        return zone;
    }

    /** The formatted time, or null for a time that has not happened (a running call's end). */
    public String format(Instant at) {
        if (at == null) {
            return null;
        }
        long second = at.getEpochSecond();
        int slot = (int) Math.floorMod(Math.floorDiv(second, 3600), (long) SLOTS);
        Stretch stretch = stretches[slot];
        if (stretch == null || !stretch.holds(second)) {
            stretch = stretchOf(second);
            if (stretch == null) {
                return formatter.format(at);
            }
            stretches[slot] = stretch;
        }
        int ofDay = (int) (second - stretch.midnight());
        int millis = at.getNano() / 1_000_000;
        StringBuilder text = new StringBuilder(stretch.date().length() + 12 + stretch.offset().length())
                .append(stretch.date());
        twoDigits(text, ofDay / 3600).append(':');
        twoDigits(text, ofDay / 60 % 60).append(':');
        twoDigits(text, ofDay % 60).append('.');
        text.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10));
        return text.append(stretch.offset()).toString();
    }

    /** The stretch holding {@code second}; null when its year is one the formatter writes differently. */
    private Stretch stretchOf(long second) {
        ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(second));
        long day = Math.floorDiv(second + offset.getTotalSeconds(), DAY_SECONDS);
        if (day < FIRST_DAY || day > LAST_DAY) {
            return null;
        }
        long midnight = day * DAY_SECONDS - offset.getTotalSeconds();
        long from = midnight;
        long until = midnight + DAY_SECONDS;
        // transitions fall on whole seconds: the last one at or before this second, and the first one after it
        ZoneOffsetTransition before = rules.previousTransition(Instant.ofEpochSecond(second + 1));
        if (before != null) {
            from = Math.max(from, before.toEpochSecond());
        }
        ZoneOffsetTransition after = rules.nextTransition(Instant.ofEpochSecond(second));
        if (after != null) {
            until = Math.min(until, after.toEpochSecond());
        }
        return new Stretch(from, until, midnight, DATE.format(LocalDate.ofEpochDay(day)), OFFSET.format(offset));
    }

    private static StringBuilder twoDigits(StringBuilder text, int n) {
        return text.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}
