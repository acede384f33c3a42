package io.callcontrol.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which operators one Asterisk server serves, one entry of {@code ami.<name>.operators}: a number ({@code 1000}), a
 * range of numbers of the same length ({@code 1000-1099}), or a prefix ({@code 2*}).
 */
public record OperatorRange(String low, String high) {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,20}");
    private static final Pattern RANGE = Pattern.compile("([0-9]{1,20})-([0-9]{1,20})");
    private static final Pattern PREFIX = Pattern.compile("([0-9]{0,19})\\*");

    /** The comma list of entries under {@code key}; empty when it is not set. */
    static List<OperatorRange> list(Settings s, String key) {
        List<OperatorRange> ranges = new ArrayList<>();
        for (String entry : s.string(key, "").split(",")) {
            if (!entry.isBlank()) {
                ranges.add(parse(key, entry.trim()));
            }
        }
        return ranges;
    }

    /** Parses one entry; the message names {@code key}. */
    static OperatorRange parse(String key, String entry) {
        if (NUMBER.matcher(entry).matches()) {
            return new OperatorRange(entry, entry);
        }
        Matcher range = RANGE.matcher(entry);
        if (range.matches()) {
            String low = range.group(1);
            String high = range.group(2);
            if (low.length() != high.length() || low.compareTo(high) > 0) {
                throw new ConfigException(key + ": '" + entry + "' must run from a lower to a higher number of as"
                        + " many digits (e.g. 1000-1099)");
            }
            return new OperatorRange(low, high);
        }
        Matcher prefix = PREFIX.matcher(entry);
        if (prefix.matches()) {
            return new OperatorRange(prefix.group(1), null);
        }
        throw new ConfigException(key + ": '" + entry + "' is not an operator number, a range (1000-1099) or a"
                + " prefix (2*)");
    }

    /** A prefix matches every number starting with it; a range the numbers of its length between its ends. */
    public boolean matches(String sip) {
        if (high == null) {
            return sip.startsWith(low);
        }
        return sip.length() == low.length() && sip.compareTo(low) >= 0 && sip.compareTo(high) <= 0;
    }

    @Override
    public String toString() {
        return high == null ? low + "*" : low.equals(high) ? low : low + "-" + high;
    }
}
