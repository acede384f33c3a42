package io.callcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rolled log files are pruned by age and by total size, oldest first, and nothing else is touched. */
class LogArchivesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    @TempDir
    Path dir;

    @Test
    void archivesOlderThanTheHistoryGoTheRestStay() throws IOException {
        write("callcontrol.log", 10);
        write("callcontrol.log.2026-02-28.0.gz", 10);
        write("callcontrol.log.2026-02-28.1.gz", 10);
        write("callcontrol.log.2026-03-01.0.gz", 10); // 14 days before today: the oldest kept
        write("callcontrol.log.2026-03-14.0.gz", 10);
        write("callcontrol.log.2026-03-15.0.gz", 10);

        new LogArchives(dir.resolve("callcontrol.log"), 14, 1_000).prune(TODAY);

        assertThat(names()).containsExactly("callcontrol.log", "callcontrol.log.2026-03-01.0.gz",
                "callcontrol.log.2026-03-14.0.gz", "callcontrol.log.2026-03-15.0.gz");
    }

    @Test
    void beyondTheTotalSizeTheOldestGoByDateThenNumber() throws IOException {
        write("callcontrol.log", 500);
        write("callcontrol.log.2026-03-13.0.gz", 100);
        write("callcontrol.log.2026-03-14.9.gz", 100);
        write("callcontrol.log.2026-03-14.10.gz", 100); // numbers compare as numbers: 10 is newer than 9
        write("callcontrol.log.2026-03-15.0.gz", 100);

        new LogArchives(dir.resolve("callcontrol.log"), 14, 250).prune(TODAY);

        assertThat(names()).containsExactly("callcontrol.log", "callcontrol.log.2026-03-14.10.gz",
                "callcontrol.log.2026-03-15.0.gz");
    }

    @Test
    void filesThatAreNotItsArchivesAreLeftAlone() throws IOException {
        write("callcontrol.log.2020-01-01.0.gz", 10);
        write("callcontrol.log.2020-01-01.0.gz123456.tmp", 10); // a compression cut short: the admin's to look at
        write("callcontrol.log.old.gz", 10);
        write("other.log.2020-01-01.0.gz", 10);
        write("callcontrol.log.2020-13-01.0.gz", 10);

        new LogArchives(dir.resolve("callcontrol.log"), 1, 1_000).prune(TODAY);

        assertThat(names()).containsExactly("callcontrol.log.2020-01-01.0.gz123456.tmp",
                "callcontrol.log.2020-13-01.0.gz", "callcontrol.log.old.gz", "other.log.2020-01-01.0.gz");
    }

    @Test
    void aFolderThatIsNotThereIsNothingToPrune() {
        new LogArchives(dir.resolve("not-yet/callcontrol.log"), 14, 1_000).prune(TODAY);

        assertThat(dir.resolve("not-yet")).doesNotExist();
    }

    private void write(String name, int bytes) throws IOException {
        Files.write(dir.resolve(name), new byte[bytes]);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
