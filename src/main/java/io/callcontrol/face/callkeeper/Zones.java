package io.callcontrol.face.callkeeper;

import io.callcontrol.config.ScheduleConfig;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CallKeeper's {@code utc} in both its forms, as the IANA zone the schedule wants: a name in any case
 * ({@code europe/moscow}), or an offset {@code UTC+03:00} / {@code +0300} (whole hours: {@code Etc/GMT-3}, whose
 * sign IANA inverts). A '+' sent unencoded in a query string arrives as a space, and is read as '+'.
 */
final class Zones {

    private static final Pattern OFFSET = Pattern.compile("(?:UTC|GMT)?\\s*([+ -])\\s*([0-9]{1,2})(?::?([0-9]{2}))?",
            Pattern.CASE_INSENSITIVE);

    private Zones() {
    }

    /** The IANA name of {@code utc}; refused when it is neither form, or an offset of not whole hours. */
    static String iana(String utc) throws Fail {
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(utc.trim())) {
                return id;
            }
        }
        Matcher m = OFFSET.matcher(utc);
        if (!m.matches()) {
            throw Fail.wrongType("utc: must be an IANA time zone (Europe/Moscow) or an offset (UTC+03:00)");
        }
        int hours = Integer.parseInt(m.group(2));
        if (m.group(3) != null && !m.group(3).equals("00") || hours > 14) {
            throw Fail.wrongType("utc: only offsets of whole hours, -12 to +14, are served (UTC+03:00)");
        }
        String zone = hours == 0 ? "UTC" : "Etc/GMT" + (m.group(1).equals("-") ? "+" : "-") + hours;
        if (ScheduleConfig.ianaZone(zone) == null) {
            throw Fail.wrongType("utc: " + utc.trim() + " is not an offset of a time zone");
        }
        return zone;
    }
}
