package io.callcontrol.face.callkeeper;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The statistics' {@code date[from]}, {@code date[to]} (a date, or W3C date and time: {@code 2005-08-15T23:59:59},
 * {@code T24:00:00} the end of the day) in {@code time_zone} (IANA; UTC without it). A bare {@code date} is all
 * time; a missing bound is open. From is inclusive, to exclusive, as a day's end is the next day's start.
 */
record DateRange(Instant from, Instant to) {

    static DateRange of(Query q) throws Fail {
        if (!q.has("date") && !q.hasArray("date")) {
            throw new Fail(406, "Date is not array", "date: give date[from] and date[to], or date for all time");
        }
        ZoneId zone = ZoneOffset.UTC;
        String tz = q.text("time_zone");
        if (tz != null) {
            zone = ZoneId.of(Zones.iana(tz));
        }
        return new DateRange(bound(q.text("date[from]"), zone, "date[from]"),
                bound(q.text("date[to]"), zone, "date[to]"));
    }

    private static Instant bound(String value, ZoneId zone, String name) throws Fail {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            if (value.endsWith("T24:00:00")) {
                return LocalDate.parse(value.substring(0, 10)).plusDays(1).atStartOfDay(zone).toInstant();
            }
            LocalDateTime at = LocalDateTime.parse(value);
            return at.atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw Fail.wrongType(name + ": must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ss");
        }
    }

    boolean contains(Instant at) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    /** Whether {@code at} is before the range: listings newest first stop there. */
    boolean before(Instant at) {
        return from != null && at.isBefore(from);
    }
}
