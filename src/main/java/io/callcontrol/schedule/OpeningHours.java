package io.callcontrol.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a client may be called, in local time of a zone: one window a day, Monday to Sunday, or none. The format is
 * CallKeeper's: {@code HHMMHHMM} (every day alike), or seven comma-separated entries Monday..Sunday, each
 * {@code HHMMHHMM} or {@code 0}/{@code -} for a closed day. A window may close at {@code 2400}, or past midnight
 * ({@code 22000200} runs into the next day). Across a daylight saving change a window keeps its local times; a time
 * the change skips is taken as the same time after the jump ({@link ZonedDateTime#of}).
 */
public final class OpeningHours {

    /** No opening hours: any time will do. */
    public static final OpeningHours ALWAYS = new OpeningHours("", null);

    private static final Pattern WINDOW = Pattern.compile("([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})");
    private static final int DAY_MINUTES = 24 * 60;

    /** Minutes after local midnight; a window with {@code close <= open} closes on the next day. */
    private record Window(int open, int close) {

        Instant start(LocalDate day, ZoneId zone) {
            return at(day, open, zone);
        }

        Instant end(LocalDate day, ZoneId zone) {
            return close <= open ? at(day.plusDays(1), close, zone) : at(day, close, zone);
        }

        private static Instant at(LocalDate day, int minutes, ZoneId zone) {
            return ZonedDateTime.of(day.plusDays(minutes / DAY_MINUTES), LocalTime.ofSecondOfDay(minutes % DAY_MINUTES * 60L),
                    zone).toInstant();
        }
    }

    private final String text;
    /** Index 0 is Monday; null is a closed day. Null as a whole: always open. */
    private final Window[] days;

    private OpeningHours(String text, Window[] days) {
        this.text = text;
        this.days = days;
    }

    /**
     * Parses the {@code hours} parameter; "" (as stored for none) is {@link #ALWAYS}.
     *
     * @throws IllegalArgumentException with a message that says what is wrong (without the parameter's name)
     */
    public static OpeningHours parse(String text) {
        if (text.isEmpty()) {
            return ALWAYS;
        }
        String[] entries = text.split(",", -1);
        Window[] days = new Window[7];
        if (entries.length == 1) {
            Window every = window(entries[0], "every day");
            if (every == null) {
                throw new IllegalArgumentException("a single entry must be HHMMHHMM (every day); to close days, give "
                        + "seven entries Monday to Sunday");
            }
            Arrays.fill(days, every);
        } else if (entries.length == 7) {
            for (int i = 0; i < 7; i++) {
                days[i] = window(entries[i], DayOfWeek.of(i + 1).getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            }
            if (Arrays.stream(days).allMatch(Objects::isNull)) {
                throw new IllegalArgumentException("every day is closed; at least one day must be open");
            }
        } else {
            throw new IllegalArgumentException("must be HHMMHHMM (every day) or seven comma-separated entries Monday to"
                    + " Sunday, each HHMMHHMM, or 0 or - for a closed day; got " + entries.length + " entries");
        }
        return new OpeningHours(text, days);
    }

    private static Window window(String entry, String day) {
        if (entry.equals("0") || entry.equals("-")) {
            return null;
        }
        Matcher m = WINDOW.matcher(entry);
        if (!m.matches()) {
            String shown = entry.length() > 16 ? entry.substring(0, 16) + "..." : entry;
            throw new IllegalArgumentException(day + ": '" + shown + "' is not HHMMHHMM, 0 or -");
        }
        int openHour = Integer.parseInt(m.group(1));
        int openMinute = Integer.parseInt(m.group(2));
        int closeHour = Integer.parseInt(m.group(3));
        int closeMinute = Integer.parseInt(m.group(4));
        if (openHour > 23 || openMinute > 59) {
            throw new IllegalArgumentException(day + ": " + m.group(1) + m.group(2) + " is not a time of day (0000 to 2359)");
        }
        if (closeHour > 24 || closeMinute > 59 || closeHour == 24 && closeMinute != 0) {
            throw new IllegalArgumentException(day + ": " + m.group(3) + m.group(4)
                    + " is not a closing time (0000 to 2359, or 2400)");
        }
        int open = openHour * 60 + openMinute;
        int close = closeHour * 60 + closeMinute;
        if (open == close) {
            throw new IllegalArgumentException(day + ": opens and closes at " + m.group(1) + m.group(2)
                    + "; a whole day is 00002400, a closed day 0 or -");
        }
        return new Window(open, close);
    }

    /** The hours as given, or "" for {@link #ALWAYS}. */
    public String text() {
        return text;
    }

    /** The first instant at or after {@code at} that lies inside a window (local times in {@code zone}). */
    public Instant nextOpen(Instant at, ZoneId zone) {
        if (days == null) {
            return at;
        }
        LocalDate today = LocalDate.ofInstant(at, zone);
        // from yesterday: its window may run past midnight into today
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(7)); day = day.plusDays(1)) {
            Window window = days[day.getDayOfWeek().getValue() - 1];
            if (window != null && window.end(day, zone).isAfter(at)) {
                Instant start = window.start(day, zone);
                return start.isAfter(at) ? start : at;
            }
        }
        throw new IllegalStateException("no open day in a week: " + text); // parse refuses that
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "always" : text;
    }
}
