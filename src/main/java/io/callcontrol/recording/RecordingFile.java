package io.callcontrol.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;

/** Names recordings and reads what a finished one holds. */
public final class RecordingFile {

    /** Enough for the RIFF header Asterisk writes: 44 bytes for PCM, 60 for GSM in WAV ({@code fmt}, fact, data). */
    private static final int HEADER_READ = 512;

    private RecordingFile() {
    }

    /**
     * The file MixMonitor writes for a call, relative to the recordings folder: {@code yyyy-MM-dd/<order>-<call>.<ext>}.
     * order_id is validated ([A-Za-z0-9_-]) before it gets here, so the name cannot leave the folder.
     */
    public static String name(LocalDate day, String orderId, long callId, String format) {
        return day + "/" + orderId + "-" + callId + "." + extension(format);
    }

    /**
     * The extension of a format's files. Asterisk names its {@code wav49} format (GSM in a WAV container) by the
     * extension {@code WAV} (file.c's build_filename turns a {@code .wav49} asked for into {@code .WAV}): so both
     * spellings give {@code .WAV}, the name Asterisk writes and the daemon looks for.
     */
    static String extension(String format) {
        return format.equals("wav49") ? "WAV" : format;
    }

    /** Whether the format's file carries a WAV header that Asterisk completes when it closes the file. */
    static boolean hasHeader(String format) {
        return !format.equals("gsm");
    }

    /** Size and length of a closed recording; null while MixMonitor still writes it (or it does not exist). */
    public record Closed(long sizeBytes, long durationMs) {
    }

    /**
     * A WAV file (PCM or GSM) is closed when its data chunk's size matches the file: Asterisk writes the sizes into
     * the header on close. A raw GSM file has no header: the caller decides by a size that stopped changing, and the
     * length comes from the size (33 bytes per 20 ms frame).
     */
    public static Closed inspect(Path file, String format) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (!hasHeader(format)) {
                return new Closed(size, size * 20 / 33);
            }
            ByteBuffer header = ByteBuffer.allocate((int) Math.min(size, HEADER_READ)).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // a short read: ask for the rest
            }
            return closed(header.flip(), size);
        }
    }

    /**
     * Walks the RIFF chunks up to {@code data}: the byte rate is in {@code fmt }, the data's length in its chunk
     * header. Null until the header is complete and the data chunk ends where the file ends (with RIFF's pad byte,
     * which Asterisk adds after an odd-sized data chunk).
     */
    static Closed closed(ByteBuffer header, long size) {
        if (header.limit() < 12 || header.getInt(0) != fourCc("RIFF") || header.getInt(8) != fourCc("WAVE")) {
            return null;
        }
        int byteRate = 0;
        int chunk = 12;
        while (chunk + 8 <= header.limit()) {
            int id = header.getInt(chunk);
            long length = header.getInt(chunk + 4) & 0xffffffffL;
            if (id == fourCc("fmt ") && chunk + 20 <= header.limit()) {
                byteRate = header.getInt(chunk + 16);
            } else if (id == fourCc("data")) {
                long end = chunk + 8 + length;
                boolean complete = end == size || (length % 2 == 1 && end + 1 == size);
                return complete && byteRate > 0 ? new Closed(size, length * 1000 / byteRate) : null;
            }
            chunk += 8 + (int) Math.min(length + (length & 1), HEADER_READ);
        }
        return null;
    }

    private static int fourCc(String id) {
        return (id.charAt(0)) | (id.charAt(1) << 8) | (id.charAt(2) << 16) | (id.charAt(3) << 24);
    }
}
