package io.callcontrol.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay server on the wire, as a raw AMI client sees it. */
class AmiReplayServerTest {

    private static final String CHANNEL_ID = "cc-7-0a1b2c3d";

    @Test
    void answersEachActionWithItsActionIdAndReplaysAfterLogin() throws Exception {
        List<String> events = AmiTranscript.load("operator-offline").events(CHANNEL_ID);
        try (AmiReplayServer server = AmiReplayServer.start(events, 1);
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("Asterisk Call Manager/11.0.0");

            send(client, "action: Ping\r\nactionid: p1\r\n\r\n");
            assertThat(readMessage(in)).contains("Response: Success", "ActionID: p1");

            send(client, "action: Login\r\nactionid: l1\r\nusername: x\r\nsecret: y\r\n\r\n");
            assertThat(readMessage(in)).contains("Response: Success", "ActionID: l1");
            assertThat(readMessage(in)).startsWith("Event: FullyBooted");
            assertThat(readMessage(in)).startsWith("Event: OriginateResponse")
                    .contains("Uniqueid: " + CHANNEL_ID).doesNotContain("cc-test-");
            assertThat(readMessage(in)).contains("UserEvent: ReplayEnd");
        }
    }

    @Test
    void refusesConnectionsBeyondItsBound() throws Exception {
        try (AmiReplayServer server = AmiReplayServer.start(List.of(), 1);
                Socket first = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            // the banner proves the first connection was taken, and the listener closed before it was sent
            assertThat(new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine()).startsWith("Asterisk Call Manager/");

            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), server.port()).close())
                    .isInstanceOf(ConnectException.class);
            assertThat(server.connectionsServed()).isEqualTo(1);
        }
    }

    private static void send(Socket client, String action) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(action.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One message's lines up to its blank line, joined by LF. */
    private static String readMessage(BufferedReader in) throws IOException {
        StringBuilder message = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            message.append(line).append('\n');
        }
        return message.toString();
    }
}
