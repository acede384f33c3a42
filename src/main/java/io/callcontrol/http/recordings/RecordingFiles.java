package io.callcontrol.http.recordings;

import io.callcontrol.config.RecordingsConfig;
import io.callcontrol.recording.Recording;
import io.callcontrol.storage.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording URLs ({@code /recordings/<id>.<ext>}) both ways: the link recordList gives out, and the file a link
 * names. A file is served only if its real path (symlinks followed) lies inside recordings.dir's real path.
 * Blocks on JDBC and the file system: call it on a worker.
 */
public final class RecordingFiles {

    public static final String PREFIX = "/recordings/";

    private static final Logger log = LoggerFactory.getLogger(RecordingFiles.class);
    private static final Pattern NAME = Pattern.compile("([0-9]{1,18})(?:\\.([A-Za-z0-9]{1,10}))?");
    private static final int MAX_EXTENSION = 10;

    private final Path dir;
    private final History history;

    public RecordingFiles(RecordingsConfig recordings, History history) {
        this.dir = recordings.dir();
        this.history = history;
    }

    /** The link path of a recording: its id, plus its file's extension so players know the format. */
    public static String urlPath(Recording recording) {
        String extension = extension(recording.file());
        return PREFIX + recording.id() + (extension.isEmpty() ? "" : "." + extension);
    }

    /** The Content-Type for a recording file, by its extension. */
    static String contentType(Path file) {
        return switch (extension(file.getFileName().toString()).toLowerCase(Locale.ROOT)) {
            case "wav" -> "audio/wav";
            case "gsm" -> "audio/x-gsm";
            default -> "application/octet-stream";
        };
    }

    /**
     * The file for a link name such as {@code 42.wav}; empty when there is no such recording, the extension does
     * not match, the file is missing, or it lies outside recordings.dir.
     */
    Optional<Path> find(String name) throws IOException {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Optional<Recording> recording = history.recording(Long.parseLong(matcher.group(1)));
        if (recording.isEmpty() || !extension(recording.get().file()).equals(nullToEmpty(matcher.group(2)))) {
            return Optional.empty();
        }
        return inside(recording.get());
    }

    private Optional<Path> inside(Recording recording) throws IOException {
        Path file;
        try {
            file = dir.resolve(recording.file());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file) || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path real;
        Path realDir;
        try {
            real = file.toRealPath();
            realDir = dir.toRealPath();
        } catch (NoSuchFileException removedMeanwhile) {
            return Optional.empty();
        }
        if (!real.startsWith(realDir)) {
            log.warn("recording {} points outside recordings.dir; not served", recording.id());
            return Optional.empty();
        }
        // The real path has no links left: opening it with NOFOLLOW_LINKS cannot be redirected afterwards.
        return Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) ? Optional.of(real) : Optional.empty();
    }

    private static String extension(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return plainExtension(extension) ? extension : "";
    }

    /** 1 to 10 ASCII letters or digits; checked by hand: a page of 20 links ran a regex matcher for each. */
    private static boolean plainExtension(String extension) {
        if (extension.isEmpty() || extension.length() > MAX_EXTENSION) {
            return false;
        }
        for (int i = 0; i < extension.length(); i++) {
            char c = extension.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
