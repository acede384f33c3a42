package io.callcontrol.stats;

import io.callcontrol.config.ScheduleConfig;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The one place callStats' range is validated: local dates {@code from}..{@code to} (both included) in the IANA zone
 * {@code zone}, optionally of one operator ({@code sip}, validated by the API's parameters as everywhere).
 */
public record StatsRequest(LocalDate from, LocalDate to, ZoneId zone, String sip) {

    /** The longest range one request may ask for, in days. */
    public static final int MAX_DAYS = 366;
    static final long QUARTER_MS = 900_000;
    private static final LocalDate FIRST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 30);

    /** Validates the parameters as sent; without {@code tz} the zone is {@code defaultZone}. */
    public static StatsRequest of(String from, String to, String tz, String sip, ZoneId defaultZone)
            throws StatsRefusedException {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw new StatsRefusedException("to", "must not be before from (" + first + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new StatsRefusedException("to", "the range from " + first + " is at most " + MAX_DAYS + " days");
        }
        ZoneId zone = tz == null ? defaultZone : ScheduleConfig.ianaZone(tz);
        if (zone == null) {
            throw new StatsRefusedException("tz", "must be an IANA time zone such as Europe/Kyiv; '" + shown(tz)
                    + "' is not one");
        }
        StatsRequest request = new StatsRequest(first, last, zone, sip);
        if (!inSteps(zone.getRules(), request.start(), request.end(), QUARTER_MS / 1000)) {
            throw new StatsRefusedException("tz", zone.getId() + " has an offset that is not a whole number of quarter"
                    + " hours in this range; statistics are kept by the quarter hour");
        }
        return request;
    }

    /** Whether the zone's offsets in the range, and their changes, are whole hours: its local hours are UTC hours. */
    public boolean inWholeHours() {
        return inSteps(zone.getRules(), start(), end(), 3600);
    }

    /** The first instant of the range: {@code from}'s local midnight (or the day's first moment, when DST skips it). */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The instant after the range: the start of the day after {@code to}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static LocalDate date(String name, String value) throws StatsRefusedException {
        if (value == null) {
            throw new StatsRefusedException(name, "is required: a date such as 2026-12-01 (local, in tz)");
        }
        LocalDate date;
        try {
            date = value.length() == 10 ? LocalDate.parse(value) : null;
        } catch (DateTimeException e) {
            date = null;
        }
        if (date == null || date.isBefore(FIRST) || date.isAfter(LAST)) {
            throw new StatsRefusedException(name, "must be a date YYYY-MM-DD from " + FIRST + " to " + LAST + "; '"
                    + shown(value) + "' is not one");
        }
        return date;
    }

    /** Whether every offset the zone has between the two instants, and every change of it, falls on a step. */
    private static boolean inSteps(ZoneRules rules, Instant start, Instant end, long stepSeconds) {
        if (rules.getOffset(start).getTotalSeconds() % stepSeconds != 0) {
            return false;
        }
        for (ZoneOffsetTransition t = rules.nextTransition(start); t != null && t.getInstant().isBefore(end);
                t = rules.nextTransition(t.getInstant())) {
            if (t.getOffsetAfter().getTotalSeconds() % stepSeconds != 0 || t.toEpochSecond() % stepSeconds != 0) {
                return false;
            }
        }
        return true;
    }

    private static String shown(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
