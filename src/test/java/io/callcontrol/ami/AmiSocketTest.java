package io.callcontrol.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link AmiSocket}'s line reading over a real loopback connection. */
class AmiSocketTest {

    @Test
    void splitsAtCrLfOnlyAcrossReadsOfAnySizeDecodingUtf8() throws Exception {
        Random random = new Random(7);
        String[] pieces = {"Event: Newstate", "CallerIDName: Олена Коваль", "a\nbare LF", "a bare \r CR", "", "€",
                "x".repeat(100_000), "Output: 1 active channel", "日本語の名前"};
        List<String> lines = new ArrayList<>();
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            String line = pieces[random.nextInt(pieces.length)];
            if (line.length() > 1000 && random.nextInt(50) != 0) {
                continue;
            }
            lines.add(line);
            stream.append(line).append("\r\n");
        }

        List<String> read = new ArrayList<>();
        try (Loopback loopback = new Loopback(); AmiSocket socket = loopback.connect(30_000)) {
            loopback.send(stream.toString().getBytes(StandardCharsets.UTF_8));
            String line;
            while ((line = socket.readLine()) != null) {
                read.add(line);
            }
        }

        assertThat(read).hasSize(lines.size()).isEqualTo(lines);
    }

    @Test
    void theEndOfTheStreamGivesTheUnfinishedLineThenNull() throws Exception {
        try (Loopback loopback = new Loopback(); AmiSocket socket = loopback.connect(30_000)) {
            loopback.send("Event: Hangup\r\nCause: 1".getBytes(StandardCharsets.US_ASCII));

            assertThat(socket.readLine()).isEqualTo("Event: Hangup");
            assertThat(socket.readLine()).isEqualTo("Cause: 1");
            assertThat(socket.readLine()).isNull();
        }
    }

    @Test
    void aSilentLinkEndsTheReadingAtTheReadTimeout() throws Exception {
        try (Loopback loopback = new Loopback(); AmiSocket socket = loopback.connect(200)) {
            assertThatThrownBy(socket::readLine).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void writesWhatItIsGivenOnFlush() throws Exception {
        try (Loopback loopback = new Loopback(); AmiSocket socket = loopback.connect(30_000)) {
            socket.write("Action: Ping\r\n");
            socket.write("\r\n");
            socket.flush();

            byte[] expected = "Action: Ping\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(loopback.accepted().getInputStream().readNBytes(expected.length)).isEqualTo(expected);
            assertThat(socket.getRemotePort()).isEqualTo(loopback.server.getLocalPort());
        }
    }

    /** A server socket on port 0 with the one connection an {@link AmiSocket} makes to it. */
    private static final class Loopback implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private Socket accepted;

        Loopback() throws Exception {
        }

        AmiSocket connect(int readTimeoutMs) throws Exception {
            AmiSocket socket = new AmiSocket(InetAddress.getLoopbackAddress().getHostAddress(), server.getLocalPort(),
                    5_000, readTimeoutMs);
            accepted = server.accept();
            return socket;
        }

        Socket accepted() {
            return accepted;
        }

        /** Writes from a thread of its own, so a stream larger than the socket buffers cannot block the test. */
        void send(byte[] bytes) throws Exception {
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = accepted.getOutputStream();
                    out.write(bytes);
                    out.flush();
                    accepted.shutdownOutput();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "loopback-writer");
            writer.start();
        }

        @Override
        public void close() throws Exception {
            if (accepted != null) {
                accepted.close();
            }
            server.close();
        }
    }
}
