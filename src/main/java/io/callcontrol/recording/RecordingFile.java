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

    private static final int WAV_HEADER = 44;

    private RecordingFile() {
    }

    /**
     * The file MixMonitor writes for a call, relative to the recordings folder: {@code yyyy-MM-dd/<order>-<call>.<fmt>}.
     * order_id is validated ([A-Za-z0-9_-]) before it gets here, so the name cannot leave the folder.
     */
    public static String name(LocalDate day, String orderId, long callId, String format) {
        return day + "/" + orderId + "-" + callId + "." + format;
    }

    /** Size and length of a closed recording; null while MixMonitor still writes it (or it does not exist). */
    public record Closed(long sizeBytes, long durationMs) {
    }

    /**
     * A WAV file is closed when its header's data size matches the file (Asterisk fills the header in on
     * close). For other formats the caller decides by a size that stopped changing; the length is estimated.
     */
    public static Closed inspect(Path file, String format) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (!format.equalsIgnoreCase("wav")) {
                return new Closed(size, estimateMillis(size, format));
            }
            if (size < WAV_HEADER) {
                return null;
            }
            ByteBuffer header = ByteBuffer.allocate(WAV_HEADER).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            int byteRate = header.getInt(28);
            long dataBytes = header.getInt(40) & 0xffffffffL;
            if (dataBytes != size - WAV_HEADER || byteRate <= 0) {
                return null;
            }
            return new Closed(size, dataBytes * 1000 / byteRate);
        }
    }

    /** GSM: 33 bytes per 20 ms; wav49: 65 bytes per 40 ms. */
    private static long estimateMillis(long size, String format) {
        return switch (format) {
            case "gsm" -> size * 20 / 33;
            case "wav49", "WAV" -> size * 40 / 65;
            default -> 0;
        };
    }
}
