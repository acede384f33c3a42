package io.callcontrol.http;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client over a plain socket whose reading the test controls: with a small receive buffer and no reads,
 * the server soon cannot write to it. Reads the server's (unmasked) frames itself.
 */
public final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;

    public RawWebSocket(int port, String pathAndQuery, String apiKey, int receiveBufferBytes) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nX-API-Key: " + apiKey + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("no upgrade: " + status);
        }
        while (!line(in).isEmpty()) {
            // the answer's headers
        }
    }

    /** One frame from the server: its opcode and payload. */
    public record Frame(int opcode, byte[] payload) {

        public static final int TEXT = 1;
        public static final int CLOSE = 8;
        public static final int PING = 9;

        /** A close frame's status code; -1 when it has none. */
        public int closeCode() {
            return payload.length < 2 ? -1 : (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The next text frame's text; pings and other control frames are passed over. */
    public String nextText() throws IOException {
        while (true) {
            Frame frame = nextFrame();
            if (frame.opcode() == Frame.TEXT) {
                return frame.text();
            }
            if (frame.opcode() == Frame.CLOSE) {
                throw new IOException("the server closed the WebSocket");
            }
        }
    }

    /** The next frame of any kind; null when the server closed the connection. */
    public Frame nextFrame() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /** Sends a pong carrying {@code payload}, masked as a client must. */
    public void pong(byte[] payload) throws IOException {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x8A; // FIN, pong
        frame[1] = (byte) (0x80 | payload.length); // masked; a ping's payload is at most 125 bytes
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        socket.getOutputStream().write(frame);
        socket.getOutputStream().flush();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("connection closed during the handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
