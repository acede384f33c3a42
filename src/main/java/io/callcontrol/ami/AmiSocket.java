package io.callcontrol.ami;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * The AMI TCP connection, with a line reader made for the AMI stream: a line ends in CRLF (a bare LF stays inside
 * the line, as in a command's output), its bytes are decoded as UTF-8 straight from the read buffer, one copy per
 * line. asterisk-java's own (SocketConnectionFacadeImpl) decodes into a char buffer first and copies each line
 * three times. As there, the end of the stream returns what is left of an unfinished line, then null; the read
 * timeout ends the reading with a SocketTimeoutException.
 */
final class AmiSocket implements SocketConnectionFacade, Closeable {

    private final Socket socket;
    private final InputStream in;
    private final Writer out;
    private byte[] buffer = new byte[64 * 1024];
    /** The unread bytes are {@code buffer[start, end)}. */
    private int start;
    private int end;

    AmiSocket(String host, int port, int connectTimeoutMs, int readTimeoutMs) throws IOException {
        socket = new Socket();
        try {
            socket.setSoTimeout(readTimeoutMs);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            in = socket.getInputStream();
            out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public String readLine() throws IOException {
        int from = start;
        while (true) {
            for (int i = from; i < end; i++) {
                if (buffer[i] == '\n' && i > start && buffer[i - 1] == '\r') {
                    String line = new String(buffer, start, i - 1 - start, StandardCharsets.UTF_8);
                    start = i + 1;
                    return line;
                }
            }
            int scanned = end - start;
            if (!fill()) {
                if (start == end) {
                    return null;
                }
                String rest = new String(buffer, start, end - start, StandardCharsets.UTF_8);
                start = end;
                return rest;
            }
            from = start + scanned;
        }
    }

    /** Reads more bytes behind the unread ones (moved to the front, the buffer grown if full); false at the end. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            return false;
        }
        end += read;
        return true;
    }

    @Override
    public void write(String s) throws IOException {
        out.write(s);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }
}
