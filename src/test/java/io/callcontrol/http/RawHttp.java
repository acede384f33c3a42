package io.callcontrol.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http refuses to send: stalled and trickled requests, hostile
 * request lines, oversized headers and bodies. Reads one answer at a time, framed by its Content-Length.
 */
public final class RawHttp implements AutoCloseable {

    /** One answer: status, headers (names in lower case), body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;

    public RawHttp(int port, int readTimeoutMillis) throws IOException {
        this("127.0.0.1", port, readTimeoutMillis);
    }

    /**
     * Connects to 127.0.0.1 from {@code localAddress}: any address of 127.0.0.0/8 is loopback, so one machine can be
     * several peers.
     */
    public RawHttp(String localAddress, int port, int readTimeoutMillis) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(readTimeoutMillis);
        in = new BufferedInputStream(socket.getInputStream());
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /**
     * The next answer (1xx interim answers skipped); null when the server closed the connection first.
     *
     * @param head true when answering a HEAD request: the Content-Length names a body that is not sent
     * @throws SocketTimeoutException when nothing complete arrives within the read timeout
     */
    public Answer read(boolean head) throws IOException {
        return read(in, head);
    }

    /** The next answer on any stream, as {@link #read(boolean)}. */
    public static Answer read(InputStream in, boolean head) throws IOException {
        while (true) {
            String statusLine = line(in);
            if (statusLine == null) {
                return null;
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header; !(header = requiredLine(in)).isEmpty(); ) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            int length = head || status == 204 || status == 304
                    ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Answer(status, headers, in.readNBytes(length));
        }
    }

    public Answer read() throws IOException {
        return read(false);
    }

    /** Whether the server closed the connection: reads until end of stream, failing on anything else arriving. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String requiredLine(InputStream in) throws IOException {
        String line = line(in);
        if (line == null) {
            throw new IOException("connection closed inside an answer's head");
        }
        return line;
    }

    /** A CRLF-terminated line, or null at end of stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                String line = bytes.toString(StandardCharsets.ISO_8859_1);
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            }
            bytes.write(b);
        }
        if (bytes.size() == 0) {
            return null;
        }
        throw new IOException("connection closed inside a line");
    }
}
