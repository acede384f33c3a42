package io.callcontrol.schedule;

import io.callcontrol.config.ScheduleConfig;
import io.callcontrol.dial.CallRefusedException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * When a makeCall is to be placed, validated: its first time, the retry plan, the opening hours and their zone.
 * The one place the scheduling parameters ({@code time_to_call}, {@code interval}, {@code hours}, {@code tz}) are
 * checked; a makeCall with any of them is scheduled.
 */
public record ScheduleRequest(Instant timeToCall, RetryPlan retries, OpeningHours hours, ZoneId zone) {

    /** How far ahead a call may be scheduled. */
    public static final Duration MAX_AHEAD = Duration.ofDays(365);

    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");
    /** A '+' sent unencoded in a query string arrives as a space: {@code ...T09:00:00 02:00}. */
    private static final Pattern SPACE_FOR_PLUS = Pattern.compile(" ([0-9]{2}:?[0-9]{2})$");

    /** True when the request asks for scheduling (any of the parameters is given). */
    public static boolean asked(String timeToCall, String interval, String hours, String tz) {
        return timeToCall != null || interval != null || hours != null || tz != null;
    }

    /**
     * Validates the parameters as the CRM sent them (null: absent); throws naming the first bad one. Without
     * {@code time_to_call} the call is due at once, without {@code tz} the zone is {@code defaultZone}.
     */
    public static ScheduleRequest of(String timeToCall, String interval, String hours, String tz, ZoneId defaultZone,
            Instant now) throws CallRefusedException {
        Instant at = timeToCall == null ? now : time(timeToCall, now);
        RetryPlan retries;
        OpeningHours opening;
        try {
            retries = interval == null ? RetryPlan.NONE : RetryPlan.parse(interval);
        } catch (IllegalArgumentException e) {
            throw CallRefusedException.invalid("interval", e.getMessage());
        }
        try {
            opening = hours == null ? OpeningHours.ALWAYS : OpeningHours.parse(hours);
        } catch (IllegalArgumentException e) {
            throw CallRefusedException.invalid("hours", e.getMessage());
        }
        ZoneId zone = tz == null ? defaultZone : ScheduleConfig.ianaZone(tz);
        if (zone == null) {
            throw CallRefusedException.invalid("tz", "must be an IANA time zone such as Europe/Kyiv; '" + shown(tz)
                    + "' is not one");
        }
        return new ScheduleRequest(at, retries, opening, zone);
    }

    /** When the first attempt is due: at time_to_call, or at once when that has passed, within opening hours. */
    public Instant firstAttemptAt(Instant now) {
        return hours.nextOpen(timeToCall.isAfter(now) ? timeToCall : now, zone);
    }

    private static Instant time(String value, Instant now) throws CallRefusedException {
        Instant at;
        if (UNIX_SECONDS.matcher(value).matches()) {
            at = Instant.ofEpochSecond(Long.parseLong(value));
        } else if (value.matches("[0-9]+")) {
            at = Instant.MAX; // more digits than seconds within reach: milliseconds, or nonsense
        } else {
            try {
                at = OffsetDateTime.parse(SPACE_FOR_PLUS.matcher(value).replaceFirst("+$1")).toInstant();
            } catch (DateTimeParseException e) {
                throw CallRefusedException.invalid("time_to_call", "must be Unix seconds or ISO 8601 with an offset,"
                        + " such as 2026-11-22T09:00:00+02:00; '" + shown(value) + "' is neither");
            }
        }
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            throw CallRefusedException.invalid("time_to_call", "'" + shown(value) + "' is more than "
                    + MAX_AHEAD.toDays() + " days ahead (Unix time is in seconds)");
        }
        return at;
    }

    private static String shown(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
