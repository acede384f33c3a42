package io.callcontrol.http;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The API's one time format: ISO 8601 with milliseconds and offset, in the configured zone. */
final class TimeFormat {

    private final DateTimeFormatter formatter;

    TimeFormat(ZoneId zone) {
        this.formatter = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(zone);
    }

    /** The formatted time, or null for a time that has not happened (a running call's end). */
    String format(Instant at) {
        return at == null ? null : formatter.format(at);
    }
}
