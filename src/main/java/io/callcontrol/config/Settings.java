package io.callcontrol.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw {@code key = value} settings, read once by the config sections. Remembers which keys were read so
 * that whatever is left over can be refused by name.
 */
final class Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15}) *(|B|KB|MB|GB)", Pattern.CASE_INSENSITIVE);

    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();

    Settings(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    String string(String key, String defaultValue) {
        read.add(key);
        String value = values.get(key);
        return value == null ? defaultValue : value.trim();
    }

    /** Whether the key was given at all (read or not). */
    boolean has(String key) {
        return values.containsKey(key);
    }

    String nonEmpty(String key, String defaultValue) {
        String value = string(key, defaultValue);
        if (value == null || value.isEmpty()) {
            throw new ConfigException(key + ": must not be empty");
        }
        return value;
    }

    int integer(String key, int defaultValue, int min, int max) {
        String value = string(key, null);
        if (value == null) {
            return defaultValue;
        }
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + value + "' is not a whole number");
        }
        if (number < min || number > max) {
            throw new ConfigException(key + ": " + number + " is out of range " + min + ".." + max);
        }
        return number;
    }

    int port(String key, int defaultValue) {
        return integer(key, defaultValue, 0, 65535);
    }

    /** A duration: whole seconds, or a number with the unit ms, s, m or h. */
    Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        String value = string(key, null);
        if (value == null) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new ConfigException(key + ": '" + value + "' is not a duration (e.g. 30, 30s, 500ms, 2m)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new ConfigException(key + ": " + value + " is out of range " + min + ".." + max);
        }
        return duration;
    }

    /** A size in bytes: a whole number, optionally with the unit B, KB, MB or GB (powers of 1024). */
    long size(String key, long defaultValue, long min, long max) {
        String value = string(key, null);
        if (value == null) {
            return defaultValue;
        }
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw new ConfigException(key + ": '" + value + "' is not a size (e.g. 100MB, 512KB, 1GB)");
        }
        long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024;
            case "GB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        long number = Long.parseLong(m.group(1));
        if (number > max / unit || number * unit < min) {
            throw new ConfigException(key + ": " + value + " is out of range " + min + ".." + max + " bytes");
        }
        return number * unit;
    }

    Path path(String key, Path defaultValue) {
        String value = string(key, null);
        return value == null || value.isEmpty() ? defaultValue : Path.of(value);
    }

    /** Fails on the first key no section read. */
    void refuseUnknownKeys() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw new ConfigException(key + ": unknown key");
            }
        }
    }
}
