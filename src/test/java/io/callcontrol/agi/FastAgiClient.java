package io.callcontrol.agi;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A FastAGI client speaking the protocol as Asterisk does for {@code AGI(agi://host:port/script,args...)}: the
 * {@code agi_*} environment, a blank line, then an answer to every command the script sends, until the server
 * closes the connection. What any local process can send to the FastAGI port.
 */
public final class FastAgiClient {

    private final int port;
    private final String channel;
    private final String uniqueId;

    /** @param channel, uniqueId the channel the request says it comes from (agi_channel, agi_uniqueid) */
    public FastAgiClient(int port, String channel, String uniqueId) {
        this.port = port;
        this.channel = channel;
        this.uniqueId = uniqueId;
    }

    /** One hook; returns once the server has closed the connection. */
    public void send(String script, String... args) throws Exception {
        StringBuilder request = new StringBuilder()
                .append("agi_network: yes\n")
                .append("agi_network_script: ").append(script).append('\n')
                .append("agi_request: agi://127.0.0.1:").append(port).append('/').append(script).append('\n')
                .append("agi_channel: ").append(channel).append('\n')
                .append("agi_language: en\n")
                .append("agi_type: PJSIP\n")
                .append("agi_uniqueid: ").append(uniqueId).append('\n')
                .append("agi_version: 22.10.1\n")
                .append("agi_context: callcontrol-report\n")
                .append("agi_extension: s\n")
                .append("agi_priority: 1\n")
                .append("agi_enhanced: 0.0\n")
                .append("agi_threadid: 140000000000000\n");
        for (int i = 0; i < args.length; i++) {
            request.append("agi_arg_").append(i + 1).append(": ").append(args[i].replace("\r\n", " ")).append('\n');
        }
        request.append('\n');
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            // answer every command as Asterisk would (asterisk-java sets AJ_AGISTATUS after the script)
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                out.write("200 result=1\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
    }
}
