package io.callcontrol.testbed;

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
 * A second, bare AMI session to the real Asterisk beside a daemon under load: notes, per call, what Asterisk
 * reported of the channel the daemon originated (its states, the OriginateResponse, its Hangup and cause) in the
 * order this session received it, so that a wrong or missing status can be blamed on the right side (Asterisk
 * never reported it, or the daemon got it wrong).
 */
public final class AmiWitness implements AutoCloseable {

    private static final Pattern CALL = Pattern.compile("^cc-(\\d+)-");
    private static final String STATE = "state ";

    private final Socket socket;
    private final Thread reader;
    private final Map<Long, List<String>> told = new ConcurrentHashMap<>();

    public AmiWitness(String username, String secret) throws Exception {
        this(username, secret, AsteriskTestbed.AMI_PORT);
    }

    /** A witness of the Asterisk whose AMI is on 127.0.0.1:{@code port} (the second's: SECOND_AMI_PORT). */
    public AmiWitness(String username, String secret, int port) throws Exception {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
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
    public List<String> operatorStates(long callId) {
        return timeline(callId).stream().filter(s -> s.startsWith(STATE)).map(s -> s.substring(STATE.length()))
                .toList();
    }

    /**
     * What Asterisk reported of the call's originated channel, in the order received: "state Ringing",
     * "OriginateResponse Failure Reason 0", "Hangup cause 17".
     */
    public List<String> timeline(long callId) {
        List<String> reported = told.getOrDefault(callId, List.of());
        synchronized (reported) {
            return List.copyOf(reported);
        }
    }

    private void note(String uniqueId, String what) {
        Matcher m = CALL.matcher(uniqueId);
        if (m.find()) {
            List<String> reported = told.computeIfAbsent(Long.parseLong(m.group(1)), id -> new ArrayList<>());
            synchronized (reported) {
                reported.add(what);
            }
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
                noteEvent(message);
                message.clear();
            }
        } catch (Exception e) {
            // closed
        }
    }

    /** Only the originated channel's own events: its Uniqueid is the daemon's ChannelId (cc-<call_id>-<token>). */
    private void noteEvent(Map<String, String> message) {
        String uniqueId = message.getOrDefault("Uniqueid", "");
        switch (message.getOrDefault("Event", "")) {
            case "Newstate" -> note(uniqueId, STATE + message.getOrDefault("ChannelStateDesc", "?"));
            case "OriginateResponse" -> note(uniqueId, "OriginateResponse " + message.get("Response")
                    + " Reason " + message.get("Reason"));
            case "Hangup" -> note(uniqueId, "Hangup cause " + message.get("Cause"));
            default -> { }
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        reader.join(2_000);
    }
}
