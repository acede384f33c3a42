package io.callcontrol.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names, and closed-file detection on WAV headers: PCM (44 bytes) and GSM in WAV (60 bytes, a file Asterisk wrote). */
class RecordingFileTest {

    @TempDir
    Path dir;

    /** Written by Asterisk 22's MixMonitor with recordings.format=WAV: a 3 s talk, GSM 6.10 in WAV. */
    private static byte[] gsmSample() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                RecordingFileTest.class.getResourceAsStream("/recordings/gsm-in-wav.WAV"))) {
            return in.readAllBytes();
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** A PCM WAV header as Asterisk writes it, claiming {@code dataBytes}, followed by {@code actual} bytes of audio. */
    private static byte[] pcm(int dataBytes, int actual) {
        ByteBuffer b = ByteBuffer.allocate(44 + actual).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16_000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(dataBytes);
        return b.array();
    }

    @Test
    void wav49IsNamedAsAsteriskWritesIt() {
        LocalDate day = LocalDate.of(2026, 12, 7);
        assertThat(RecordingFile.name(day, "15", 7, "wav49")).isEqualTo("2026-12-07/15-7.WAV");
        assertThat(RecordingFile.name(day, "15", 7, "WAV")).isEqualTo("2026-12-07/15-7.WAV");
        assertThat(RecordingFile.name(day, "15", 7, "wav")).isEqualTo("2026-12-07/15-7.wav");
        assertThat(RecordingFile.name(day, "15", 7, "gsm")).isEqualTo("2026-12-07/15-7.gsm");
    }

    @Test
    void gsmInWavWrittenByAsteriskIsClosedWithItsLength() throws IOException {
        byte[] sample = gsmSample();
        Path file = write("closed.WAV", sample);
        for (String format : new String[] {"WAV", "wav49"}) {
            RecordingFile.Closed closed = RecordingFile.inspect(file, format);
            assertThat(closed).as(format).isNotNull();
            assertThat(closed.sizeBytes()).isEqualTo(sample.length);
            // 65 bytes per 40 ms after the 60-byte header: the header's byte rate (1625) says the same
            assertThat(closed.durationMs()).isEqualTo((sample.length - 60) * 40L / 65).isBetween(2_000L, 5_000L);
        }
    }

    @Test
    void gsmInWavStillBeingWrittenIsNotClosed() throws IOException {
        byte[] sample = gsmSample();
        byte[] growing = Arrays.copyOf(sample, sample.length + 65); // a frame more than its header says
        assertThat(RecordingFile.inspect(write("growing.WAV", growing), "WAV")).isNull();
        byte[] opened = Arrays.copyOf(sample, 200);
        ByteBuffer.wrap(opened).order(ByteOrder.LITTLE_ENDIAN).putInt(56, 0); // the sizes as written when opened
        assertThat(RecordingFile.inspect(write("opened.WAV", opened), "WAV")).isNull();
        assertThat(RecordingFile.inspect(write("header.WAV", Arrays.copyOf(sample, 30)), "WAV")).isNull();
    }

    @Test
    void pcmWavIsClosedWhenItsDataSizeMatchesTheFile() throws IOException {
        RecordingFile.Closed closed = RecordingFile.inspect(write("a.wav", pcm(32_000, 32_000)), "wav");
        assertThat(closed).isEqualTo(new RecordingFile.Closed(44 + 32_000, 2_000));
        assertThat(RecordingFile.inspect(write("b.wav", pcm(0, 32_000)), "wav")).as("still writing").isNull();
        assertThat(RecordingFile.inspect(write("c.wav", new byte[10]), "wav")).isNull();
    }

    @Test
    void rawGsmHasNoHeaderItsLengthComesFromItsSize() throws IOException {
        RecordingFile.Closed closed = RecordingFile.inspect(write("a.gsm", new byte[33 * 150]), "gsm");
        assertThat(closed).isEqualTo(new RecordingFile.Closed(33 * 150, 3_000));
    }
}
