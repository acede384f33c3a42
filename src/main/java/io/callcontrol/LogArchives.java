package io.callcontrol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rolled files of the log file, {@code callcontrol.log.2026-03-01.4.gz} beside {@code callcontrol.log}, and
 * their pruning: an archive dated more than {@code maxDays} days before today goes, and so do the oldest ones
 * beyond {@code maxBytes} in all.
 *
 * <p>Logback's own pruning (maxHistory) is not used: its clean-ups run on a pool and share one mutable calendar,
 * so two rollovers close together can compute today's date as a stale one and delete the archives just made.
 * Pruning here keeps no state, and a file already gone is simply skipped.
 */
record LogArchives(Path log, int maxDays, long maxBytes) {

    /** One rolled file: its date and its number within the day. */
    private record Archive(Path file, LocalDate date, int index) {
    }

    private static final Comparator<Archive> NEWEST_FIRST =
            Comparator.comparing(Archive::date).thenComparingInt(Archive::index).reversed();

    /** Deletes what is too old, then the oldest of what is beyond the total size; never the log itself. */
    void prune(LocalDate today) {
        List<Archive> archives = list();
        archives.sort(NEWEST_FIRST);
        LocalDate oldestKept = today.minusDays(maxDays);
        long total = 0;
        for (Archive archive : archives) {
            total += size(archive.file());
            if (archive.date().isBefore(oldestKept) || total > maxBytes) {
                delete(archive.file());
            }
        }
    }

    private List<Archive> list() {
        String prefix = log.getFileName() + ".";
        List<Archive> archives = new ArrayList<>();
        try (Stream<Path> files = Files.list(log.toAbsolutePath().getParent())) {
            files.forEach(file -> {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".gz")) {
                    Archive archive = parse(file, name.substring(prefix.length(), name.length() - ".gz".length()));
                    if (archive != null) {
                        archives.add(archive);
                    }
                }
            });
        } catch (IOException e) {
            return archives; // nothing to prune in a folder that cannot be read; the next rollover tries again
        }
        return archives;
    }

    /** {@code 2026-03-01.4}, or null for any other file that happens to share the prefix. */
    private static Archive parse(Path file, String dateAndIndex) {
        int dot = dateAndIndex.indexOf('.');
        if (dot < 0) {
            return null;
        }
        try {
            return new Archive(file, LocalDate.parse(dateAndIndex.substring(0, dot)),
                    Integer.parseInt(dateAndIndex.substring(dot + 1)));
        } catch (DateTimeParseException | NumberFormatException notAnArchive) {
            return null;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the next rollover to try again; the log itself must not fail over its archives
        }
    }
}
