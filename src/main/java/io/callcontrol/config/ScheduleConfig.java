package io.callcontrol.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Scheduled calls: the time zone of opening hours when a request names none, the length of one retry interval
 * unit (a minute; shorter only in tests), and how soon an attempt that could not be placed is tried again.
 */
public record ScheduleConfig(ZoneId timeZone, Duration intervalUnit, Duration unavailableRetry) {

    static ScheduleConfig from(Settings s) {
        String zone = s.string("schedule.time.zone", "");
        ZoneId timeZone = zone.isEmpty() ? ZoneId.systemDefault() : ianaZone(zone);
        if (timeZone == null) {
            throw new ConfigException("schedule.time.zone: '" + zone + "' is not an IANA time zone such as Europe/Kyiv");
        }
        return new ScheduleConfig(timeZone,
                s.duration("schedule.interval.unit", Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofMinutes(1)),
                s.duration("schedule.unavailable.retry", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    /** The zone of an IANA name ({@code Europe/Kyiv}, {@code UTC}), or null for anything else (offsets included). */
    public static ZoneId ianaZone(String name) {
        return ZoneId.getAvailableZoneIds().contains(name) ? ZoneId.of(name) : null;
    }
}
