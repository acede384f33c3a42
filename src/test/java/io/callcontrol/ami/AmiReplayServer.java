package io.callcontrol.ami;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback AMI server on port 0 that logs any client in and then replays recorded events: Asterisk's side of
 * a transcript, for tests and benchmarks without Asterisk. Every action is answered with Success, unless an answer
 * of its own was given; right after the Login response it writes the events, then {@link ReplayEndEvent}, and keeps
 * the connection open. An answer ending in {@link #CUT} closes the connection right after it, as Asterisk dying
 * would, with whatever part of a message it ends in.
 * Bounded: it accepts at most {@code maxConnections} connections (a reconnect is one more) and then refuses.
 * As a booted Asterisk does, it says FullyBooted right after each login (unless the events already do, as recorded
 * transcripts do); {@link #startBooting} makes one that is still starting and does not.
 */
public final class AmiReplayServer implements AutoCloseable {

    /** What Asterisk 22 sends on connect; asterisk-java waits for it before its first action. */
    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
    /** At the end of an answer: the server closes the connection once it has written the rest. */
    static final String CUT = "(cut)";
    /** What a booted Asterisk 22 tells each new session right after its login. */
    static final String FULLY_BOOTED = "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 25\r\n"
            + "LastReload: 25\r\nStatus: Fully Booted\r\n\r\n";

    private final ServerSocket listener;
    private final List<String> events;
    /** Written after the Login response, before the events: FullyBooted, or nothing. */
    private final String greeting;
    private final int maxConnections;
    private final Map<String, Function<String, String>> answers;
    /** Answers that read the whole action (its headers by lower-cased name), by lower-cased action name. */
    private volatile Map<String, Function<Map<String, String>, String>> actionAnswers = Map.of();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger served = new AtomicInteger();
    private final ExecutorService threads;
    private volatile boolean closed;

    private AmiReplayServer(List<String> events, int maxConnections, Map<String, Function<String, String>> answers,
            boolean booted) throws IOException {
        this.events = List.copyOf(events);
        this.greeting = booted && events.stream().noneMatch(event -> event.startsWith("Event: FullyBooted"))
                ? FULLY_BOOTED : "";
        this.maxConnections = maxConnections;
        this.answers = Map.copyOf(answers);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger threadNumber = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(maxConnections + 1,
                r -> new Thread(r, "ami-replay-" + listener.getLocalPort() + "-" + threadNumber.incrementAndGet()));
    }

    /**
     * Starts serving {@code events} (complete AMI messages, e.g. {@link AmiTranscript#events}) to each of at most
     * {@code maxConnections} clients.
     */
    public static AmiReplayServer start(List<String> events, int maxConnections) throws IOException {
        return start(events, maxConnections, Map.of());
    }

    /**
     * As {@link #start(List, int)}, answering the actions named in {@code answers} (lower-cased) with the text their
     * function makes of the action's ActionID: complete messages, but for a {@link #CUT} at the end.
     */
    static AmiReplayServer start(List<String> events, int maxConnections,
            Map<String, Function<String, String>> answers) throws IOException {
        return start(events, maxConnections, answers, true);
    }

    /**
     * As {@link #start(List, int, Map)}, as an Asterisk still starting: no FullyBooted after the login (the events
     * or an answer may bring it later, as Asterisk does once its modules are loaded).
     */
    static AmiReplayServer startBooting(List<String> events, Map<String, Function<String, String>> answers)
            throws IOException {
        return start(events, 1, answers, false);
    }

    private static AmiReplayServer start(List<String> events, int maxConnections,
            Map<String, Function<String, String>> answers, boolean booted) throws IOException {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: must be at least 1, not " + maxConnections);
        }
        AmiReplayServer server = new AmiReplayServer(events, maxConnections, answers, booted);
        server.threads.execute(server::acceptClients);
        return server;
    }

    /**
     * From now on answers the actions named in {@code answers} (lower-cased) with the text their function makes of
     * the whole action: an Asterisk that keeps state across actions (the channels of the calls it was sent).
     */
    public AmiReplayServer answering(Map<String, Function<Map<String, String>, String>> answers) {
        this.actionAnswers = Map.copyOf(answers);
        return this;
    }

    /** The Success response every other action gets. */
    public static String success(String action, String actionId) {
        return response(action, actionId);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections were accepted so far. */
    public int connectionsServed() {
        return served.get();
    }

    /**
     * Closes the open connections as an Asterisk restart would; asterisk-java then reconnects by itself and, if
     * {@code maxConnections} allows, is served the replay again.
     */
    public void dropClients() {
        clients.forEach(AmiReplayServer::closeQuietly);
    }

    /** Stops accepting, closes every connection and waits (bounded) for the threads; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(listener);
        dropClients();
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("AMI replay server threads did not stop in 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptClients() {
        try (listener) {
            while (!closed && served.get() < maxConnections) {
                Socket client = listener.accept();
                if (served.incrementAndGet() == maxConnections) {
                    // before the client hears the banner, so a connection beyond the bound is surely refused
                    listener.close();
                }
                clients.add(client);
                threads.execute(() -> serve(client));
            }
        } catch (IOException e) {
            // the listener was closed by close(): nothing more to accept
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new BufferedWriter(new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8));
            out.write(BANNER);
            out.flush();
            Map<String, String> action;
            while ((action = readAction(in)) != null) {
                String name = action.getOrDefault("action", "");
                Function<String, String> answer = answers.get(name.toLowerCase(Locale.ROOT));
                Function<Map<String, String>, String> actionAnswer = actionAnswers.get(name.toLowerCase(Locale.ROOT));
                String text = actionAnswer != null ? actionAnswer.apply(action)
                        : answer != null ? answer.apply(action.get("actionid")) : response(name, action.get("actionid"));
                if (text.endsWith(CUT)) {
                    out.write(text.substring(0, text.length() - CUT.length()));
                    out.flush();
                    return;
                }
                out.write(text);
                if (name.equalsIgnoreCase("Login")) {
                    // as Asterisk does, events follow the login at once
                    out.write(greeting);
                    for (String event : events) {
                        out.write(event);
                    }
                    out.write(ReplayEndEvent.MESSAGE);
                }
                out.flush();
                if (name.equalsIgnoreCase("Logoff")) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or dropClients()/close() closed the socket: the normal end of a connection
        } finally {
            clients.remove(client);
        }
    }

    /** One action's headers, names lower-cased (asterisk-java writes "action: Login"); null at end of stream. */
    private static Map<String, String> readAction(BufferedReader in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!headers.isEmpty()) {
                    return headers;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return null;
    }

    private static String response(String action, String actionId) {
        StringBuilder response = new StringBuilder("Response: ")
                .append(action.equalsIgnoreCase("Logoff") ? "Goodbye" : "Success").append("\r\n");
        if (actionId != null) {
            response.append("ActionID: ").append(actionId).append("\r\n");
        }
        response.append("Message: ").append(action).append(" accepted by the replay server\r\n");
        if (action.equalsIgnoreCase("CoreSettings")) {
            // asterisk-java asks for the version after login; without it, it retries 4 times, 500 ms apart,
            // falls back to "core show version", and finally logs an ERROR
            response.append("AsteriskVersion: 22.10.1\r\n");
        }
        return response.append("\r\n").toString();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing to stop: nothing left to do with a failure
        }
    }
}
