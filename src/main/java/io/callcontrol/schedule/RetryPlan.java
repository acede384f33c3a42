package io.callcontrol.schedule;

import io.callcontrol.call.CallStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code interval} parameter: how many minutes to wait after each attempt that found the operator or the
 * client busy or not answering, before the next one. Its length is the number of retries.
 */
public record RetryPlan(List<Integer> minutes) {

    public static final RetryPlan NONE = new RetryPlan(List.of());
    public static final int MAX_RETRIES = 10;
    public static final int MAX_MINUTES = 1440;
    /** The ends worth another try; anything else (answered, offline, an error) ends the schedule. */
    public static final Set<CallStatus> RETRIED = EnumSet.of(CallStatus.OPERATOR_NOANSWER, CallStatus.OPERATOR_BUSY,
            CallStatus.CLIENT_NOANSWER, CallStatus.CLIENT_BUSY);

    public RetryPlan {
        minutes = List.copyOf(minutes);
    }

    /**
     * Parses {@code 5,10,15}: 1 to {@value #MAX_RETRIES} whole numbers of minutes, each 1 to {@value #MAX_MINUTES};
     * "" (as stored for none) is {@link #NONE}.
     *
     * @throws IllegalArgumentException with a message that says what is wrong (without the parameter's name)
     */
    public static RetryPlan parse(String text) {
        if (text.isEmpty()) {
            return NONE;
        }
        String[] entries = text.split(",", -1);
        if (entries.length > MAX_RETRIES) {
            throw new IllegalArgumentException("at most " + MAX_RETRIES + " retries; got " + entries.length);
        }
        List<Integer> minutes = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            int value = entry.matches("[0-9]{1,4}") ? Integer.parseInt(entry) : -1;
            if (value < 1 || value > MAX_MINUTES) {
                String shown = entry.length() > 16 ? entry.substring(0, 16) + "..." : entry;
                throw new IllegalArgumentException("must be a comma list of minutes, each 1 to " + MAX_MINUTES
                        + "; entry " + (i + 1) + " is '" + shown + "'");
            }
            minutes.add(value);
        }
        return new RetryPlan(minutes);
    }

    /** All attempts: the first and the retries. */
    public int attempts() {
        return 1 + minutes.size();
    }

    /** {@code 5,10,15}, or "" for none. */
    public String text() {
        return minutes.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * The earliest time of the attempt after {@code attempt} (counted from 1), which ended with {@code status} at
     * {@code endedAt}; null when that end is not retried or no retry is left. One minute lasts {@code minute}.
     */
    public Instant retryAt(int attempt, CallStatus status, Instant endedAt, Duration minute) {
        if (!RETRIED.contains(status) || attempt >= attempts()) {
            return null;
        }
        return endedAt.plus(minute.multipliedBy(minutes.get(attempt - 1)));
    }
}
