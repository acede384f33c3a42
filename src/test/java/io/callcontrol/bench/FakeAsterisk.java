package io.callcontrol.bench;

import io.callcontrol.ami.AmiTranscript;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asterisk's side of AMI on loopback, for load: logs any client in, answers every action, timestamps each
 * Originate's arrival by the call of its ChannelId, lists the channels it is told are live (CoreShowChannels,
 * so the daemon's resync closes nothing), and replays an event stream on command, flat out or paced, noting
 * when each event went out.
 *
 * <p>Not {@code io.callcontrol.ami.AmiReplayServer}: that one replays a fixed list right after login, unpaced,
 * does not answer CoreShowChannels with a channel list and does not timestamp Originates, all of which the
 * benchmarks need; its transcript loader ({@code AmiTranscript}) is reused by {@link AmiStream}.
 */
final class FakeAsterisk implements AutoCloseable {

    /** Sent after a replay's last event; the daemon ignores it, the bare reader stops at it. */
    static final String END_MARKER = "Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: BenchEnd\r\n\r\n";
    private static final Pattern CALL_OF_CHANNEL_ID = Pattern.compile("cc-(\\d+)-");
    /** The testbed's answer to DeviceStateList as Asterisk 22 sent it (operator 1003 UNAVAILABLE: no contact). */
    private static final List<String> DEVICE_STATES = AmiTranscript.load("device-state-list").events("");

    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Client> ready = new LinkedBlockingQueue<>();
    private final Map<Long, Long> originateNanos = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger originateActions = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Collection<String> liveChannels = List.of();
    private volatile boolean closed;

    /** One AMI connection; writes are whole messages under its lock, so replies never split an event. */
    static final class Client {
        private final Socket socket;
        private final OutputStream out;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        }

        synchronized void write(byte[] message, boolean flush) throws IOException {
            out.write(message);
            if (flush) {
                out.flush();
            }
        }

        synchronized void flush() throws IOException {
            out.flush();
        }
    }

    private FakeAsterisk() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "fake-asterisk-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FakeAsterisk start() throws IOException {
        return new FakeAsterisk();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The channel ids CoreShowChannels lists from now on. */
    void liveChannels(Collection<String> channelIds) {
        liveChannels = List.copyOf(channelIds);
    }

    /** When the Originate of this call arrived (System.nanoTime), or null. */
    Long originateArrival(long callId) {
        return originateNanos.get(callId);
    }

    /** Calls whose Originate arrived. */
    int originates() {
        return originateNanos.size();
    }

    /** Originate actions that arrived, a repeat for the same call included. */
    int originateCount() {
        return originateActions.get();
    }

    /** The next client that has logged in: from then on a replay to it can start. */
    Client awaitClient(Duration timeout) throws InterruptedException {
        Client client = ready.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (client == null) {
            throw new IllegalStateException("no AMI client logged in and resynchronised within " + timeout);
        }
        return client;
    }

    /**
     * Writes the events to the client, then {@link #END_MARKER}. With {@code eventsPerSecond} 0 as fast as the
     * socket takes them; otherwise event k is due at start + k / rate. {@code sentNanos[k]} gets the time event
     * k was handed to the socket (a flat-out replay notes only the start, in {@code sentNanos[0]}).
     *
     * @return the time the first event was written
     */
    static long replay(Client client, List<byte[]> events, double eventsPerSecond, long[] sentNanos)
            throws IOException {
        long start = System.nanoTime();
        if (eventsPerSecond <= 0) {
            final int batch = 64;
            for (int i = 0; i < events.size(); i += batch) {
                synchronized (client) {
                    for (int k = i; k < Math.min(i + batch, events.size()); k++) {
                        client.out.write(events.get(k));
                    }
                }
            }
            sentNanos[0] = start;
        } else {
            double nanosPerEvent = 1e9 / eventsPerSecond;
            int next = 0;
            while (next < events.size()) {
                long now = System.nanoTime();
                int due = (int) Math.min(events.size(), (now - start) / nanosPerEvent + 1);
                if (due > next) {
                    synchronized (client) {
                        for (; next < due; next++) {
                            sentNanos[next] = now;
                            client.out.write(events.get(next));
                        }
                        client.out.flush();
                    }
                } else {
                    LockSupport.parkNanos((long) (start + next * nanosPerEvent - now));
                }
            }
        }
        client.write(END_MARKER.getBytes(StandardCharsets.US_ASCII), true);
        return start;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                Client client = new Client(socket);
                clients.add(client);
                Thread reader = new Thread(() -> serve(client), "fake-asterisk-" + socket.getPort());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Client client) {
        try (Socket socket = client.socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            client.write("Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.US_ASCII), true);
            Map<String, String> action;
            while ((action = readAction(in)) != null) {
                long arrived = System.nanoTime();
                String name = action.getOrDefault("action", "").toLowerCase(Locale.ROOT);
                if (name.equals("originate")) {
                    originateActions.incrementAndGet();
                    Matcher m = CALL_OF_CHANNEL_ID.matcher(action.getOrDefault("channelid", ""));
                    if (m.find()) {
                        originateNanos.putIfAbsent(Long.parseLong(m.group(1)), arrived);
                    }
                }
                client.write(answer(name, action.get("actionid")), true);
                if (name.equals("login")) {
                    ready.add(client);
                } else if (name.equals("logoff")) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or close() closed the socket
        } finally {
            clients.remove(client);
        }
    }

    private byte[] answer(String action, String actionId) {
        String id = actionId == null ? "" : "ActionID: " + actionId + "\r\n";
        StringBuilder reply = new StringBuilder("Response: ")
                .append(action.equals("logoff") ? "Goodbye" : "Success").append("\r\n").append(id);
        switch (action) {
            case "challenge" -> reply.append("Challenge: 123456789\r\n");
            case "coresettings" -> reply.append("AsteriskVersion: 22.10.1\r\n");
            case "coreshowchannels" -> reply.append("EventList: start\r\nMessage: Channels will follow\r\n");
            case "devicestatelist" -> reply.append("EventList: start\r\nMessage: Device State Changes will follow\r\n");
            default -> reply.append("Message: ").append(action).append(" accepted\r\n");
        }
        reply.append("\r\n");
        if (action.equals("login")) {
            // as a booted Asterisk tells each new session (the daemon places calls only after it)
            reply.append("Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n");
        }
        if (action.equals("devicestatelist")) {
            DEVICE_STATES.forEach(event -> reply.append(event.replace("ActionID: d1\r\n", id)));
        }
        if (action.equals("coreshowchannels")) {
            Collection<String> live = liveChannels;
            for (String channelId : live) {
                reply.append("Event: CoreShowChannel\r\n").append(id)
                        .append("Channel: PJSIP/1000-00000001\r\nChannelState: 6\r\nChannelStateDesc: Up\r\n")
                        .append("Uniqueid: ").append(channelId).append("\r\nLinkedid: ").append(channelId)
                        .append("\r\n\r\n");
            }
            reply.append("Event: CoreShowChannelsComplete\r\n").append(id)
                    .append("EventList: Complete\r\nListItems: ").append(live.size()).append("\r\n\r\n");
        }
        return reply.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** One action's headers, names lower-cased; null at the end of the stream. */
    private static Map<String, String> readAction(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\r') {
                continue;
            }
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            if (line.length() == 0) {
                if (!headers.isEmpty()) {
                    return headers;
                }
                continue;
            }
            int colon = line.indexOf(":");
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            line.setLength(0);
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing to stop
        }
        for (Client client : clients) {
            try {
                client.socket.close();
            } catch (IOException e) {
                // closing to stop
            }
        }
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
