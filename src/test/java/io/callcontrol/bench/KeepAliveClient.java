package io.callcontrol.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP/1.1 client with nothing of its own between the send time and the socket: the request's bytes are made
 * before, written in one call on the caller's thread, and the sending time is taken right before that write. Like a
 * CRM's connection pool it reuses a keep-alive connection once its answer is read and opens another when all are
 * busy; a thread per connection reads the answers (Content-Length bodies, which are all the daemon sends).
 *
 * <p>For makeCall's latency: the JDK's HttpClient builds the request, hands it to its own threads and only then
 * writes it, all inside the measured time, on the two cores the daemon needs.
 */
final class KeepAliveClient implements AutoCloseable {

    /** A request sent: when its bytes went to the socket, and its answer with the time it was read. */
    record Exchange(long sentNanos, CompletableFuture<Api.Reply> reply, CompletableFuture<Long> answeredNanos) {
    }

    private final int port;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();

    KeepAliveClient(int port) {
        this.port = port;
    }

    /** A POST of a form to {@code path}, as bytes ready to write. */
    byte[] post(String path, String form) {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + body.length);
        request.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        return request.toByteArray();
    }

    /** Writes the request on an idle connection (a new one when none is) and returns at once. */
    Exchange send(byte[] request) throws IOException {
        Connection connection = idle.poll();
        if (connection == null) {
            connection = new Connection(new Socket(InetAddress.getLoopbackAddress(), port));
            connections.add(connection);
        }
        return connection.send(request);
    }

    @Override
    public void close() throws IOException {
        for (Connection connection : connections) {
            connection.socket.close();
        }
    }

    /** One keep-alive connection with at most one request outstanding. */
    private final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private volatile Exchange outstanding;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            Thread reader = new Thread(this::read, "keep-alive-client-reader");
            reader.setDaemon(true);
            reader.start();
        }

        Exchange send(byte[] request) throws IOException {
            Exchange exchange = new Exchange(System.nanoTime(), new CompletableFuture<>(), new CompletableFuture<>());
            outstanding = exchange;
            out.write(request);
            return exchange;
        }

        /** Reads answers one after the other; each makes the connection idle again, until it closes. */
        private void read() {
            try {
                while (true) {
                    String status = line();
                    if (status == null) {
                        throw new EOFException("the daemon closed the connection");
                    }
                    long length = 0;
                    for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                        if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Long.parseLong(header.substring("content-length:".length()).trim());
                        }
                    }
                    byte[] body = in.readNBytes((int) length);
                    long now = System.nanoTime();
                    Exchange exchange = outstanding;
                    idle.add(this);
                    exchange.answeredNanos().complete(now);
                    exchange.reply().complete(new Api.Reply(Integer.parseInt(status.split(" ")[1]), body));
                }
            } catch (IOException | RuntimeException e) {
                idle.remove(this);
                Exchange exchange = outstanding;
                if (exchange != null) {
                    exchange.reply().completeExceptionally(e); // no effect on one answered already
                }
            }
        }

        /** A header line without its CRLF; null at the end of the stream. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    boolean cr = line.length() > 0 && line.charAt(line.length() - 1) == '\r';
                    int end = cr ? line.length() - 1 : line.length();
                    return line.substring(0, end);
                }
                line.append((char) b);
            }
            return null;
        }
    }
}
