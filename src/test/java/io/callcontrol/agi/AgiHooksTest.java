package io.callcontrol.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.Fact;
import io.callcontrol.config.AgiConfig;
import io.callcontrol.config.Config;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The FastAGI server as the dialplan's hooks reach it: a real socket speaking the FastAGI request format. */
class AgiHooksTest {

    private final BlockingQueue<Fact> facts = new LinkedBlockingQueue<>();

    @Test
    void callEndedHookBecomesAFact() throws Exception {
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            send(port, "call-ended", "42", "ANSWER", "16", "12", "/var/spool/asterisk/monitor/x.wav", "");

            assertThat(facts.poll(5, TimeUnit.SECONDS)).isEqualTo(new Fact.CallEnded(42, "ANSWER", 16, ""));
        }
    }

    @Test
    void operatorAnsweredHookBecomesAFact() throws Exception {
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            send(port, "operator-answered", "7");

            assertThat(facts.poll(5, TimeUnit.SECONDS)).isEqualTo(new Fact.Answered(7));
        }
    }

    @Test
    void hooksFromPeersOutsideTheAllowListDoNothing() throws Exception {
        try (AgiHooks hooks = start("10.0.0.0/8")) {
            send(port, "call-ended", "42", "ANSWER", "16", "12", "", "");
            send(port, "operator-answered", "7");

            assertThat(facts.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void malformedArgumentsAreIgnoredNotGuessed() throws Exception {
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            send(port, "call-ended", "42; DROP", "ANSWER", "16");
            send(port, "call-ended", "43", "ANS\r\nWER", "x16", "", "", "<script>");

            assertThat(facts.poll(5, TimeUnit.SECONDS)).isEqualTo(new Fact.CallEnded(43, "", -1, ""));
            assertThat(facts.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void anUnknownScriptRunsNothing() throws Exception {
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            send(port, "java.lang.Runtime", "42");
            send(port, "operator-answered", "8");

            assertThat(facts.poll(5, TimeUnit.SECONDS)).isEqualTo(new Fact.Answered(8));
        }
    }

    private int port;

    private AgiHooks start(String allow) throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        AgiConfig config = Config.from(Map.of("agi.port", Integer.toString(port), "agi.allow", allow)).agi();
        AgiHooks hooks = new AgiHooks(config, facts::add);
        hooks.start();
        return hooks;
    }

    /** One FastAGI request, as Asterisk's AGI(agi://host:port/script,args...) sends it; waits for the server to close. */
    private static void send(int port, String script, String... args) throws Exception {
        StringBuilder request = new StringBuilder()
                .append("agi_network: yes\n")
                .append("agi_network_script: ").append(script).append('\n')
                .append("agi_request: agi://127.0.0.1:").append(port).append('/').append(script).append('\n')
                .append("agi_channel: PJSIP/1000-00000001\n")
                .append("agi_uniqueid: cc-1-00000000\n");
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
