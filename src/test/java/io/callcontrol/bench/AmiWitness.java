package io.callcontrol.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second, bare AMI session to the real Asterisk during the real-calls benchmark: notes which channel states
 * Asterisk reported for each call's operator channel, so that a chain missing a status can be blamed on the
 * right side (Asterisk never reported it, or the daemon lost it).
 */
final class AmiWitness implements AutoCloseable {

    private static final Pattern CALL = Pattern.compile("^cc-(\\d+)-");

    private final Socket socket;
    private final Thread reader;
    private final Map<Long, List<String>> states = new ConcurrentHashMap<>();

    AmiWitness(String username, String secret) throws Exception {
        socket = new Socket(InetAddress.getLoopbackAddress(), 5038);
        OutputStream out = socket.getOutputStream();
        out.write(("Action: Login\r\nUsername: " + username + "\r\nSecret: " + secret + "\r\nEvents: call\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        reader = new Thread(() -> read(in), "ami-witness");
        reader.setDaemon(true);
        reader.start();
    }

    /** The operator channel states Asterisk reported for a call, in its order (e.g. "Ringing", "Up"). */
    List<String> operatorStates(long callId) {
        List<String> reported = states.getOrDefault(callId, List.of());
        synchronized (reported) {
            return List.copyOf(reported);
        }
    }

    private void read(BufferedReader in) {
        Map<String, String> message = new HashMap<>();
        try {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        message.put(line.substring(0, colon), line.substring(colon + 1).trim());
                    }
                    continue;
                }
                if ("Newstate".equals(message.get("Event"))) {
                    Matcher m = CALL.matcher(message.getOrDefault("Uniqueid", ""));
                    if (m.find()) {
                        List<String> reported = states.computeIfAbsent(Long.parseLong(m.group(1)),
                                id -> new ArrayList<>());
                        synchronized (reported) {
                            reported.add(message.getOrDefault("ChannelStateDesc", "?"));
                        }
                    }
                }
                message.clear();
            }
        } catch (Exception e) {
            // closed
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        reader.join(2_000);
    }
}
