package io.callcontrol.config;

import java.nio.file.Path;

/**
 * What the daemon logs and where: always stdout (the journal, under systemd), and, when {@code file} is set, a
 * file that rolls over daily and whenever it reaches {@code maxFileBytes}; rolled files are gzipped and kept for
 * {@code maxHistoryDays} days, all of them together at most {@code totalBytes}.
 *
 * @param file null when the daemon logs to stdout only
 */
public record LogConfig(String level, Path file, long maxFileBytes, int maxHistoryDays, long totalBytes) {

    private static final long KB = 1024;
    private static final long MB = 1024 * KB;
    private static final long GB = 1024 * MB;

    static LogConfig from(Settings s) {
        String level = s.nonEmpty("log.level", "info");
        if (!level.matches("error|warn|info|debug|trace")) {
            throw new ConfigException("log.level: '" + level + "' is not one of error, warn, info, debug, trace");
        }
        Path file = s.path("log.file", null);
        if (file != null && file.toString().contains("%")) {
            // the rolled files' names are a pattern made from this path, in which '%' starts a conversion
            throw new ConfigException("log.file: '" + file + "' must not contain '%'");
        }
        long maxFileBytes = s.size("log.file.max.size", 100 * MB, KB, 100 * GB);
        int maxHistoryDays = s.integer("log.file.max.history", 14, 1, 3650);
        long totalBytes = s.size("log.file.total.size", 2 * GB, KB, 10_000 * GB);
        if (totalBytes < maxFileBytes) {
            throw new ConfigException("log.file.total.size: must be at least log.file.max.size");
        }
        return new LogConfig(level, file, maxFileBytes, maxHistoryDays, totalBytes);
    }

    public boolean toFile() {
        return file != null;
    }
}
