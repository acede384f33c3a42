package io.callcontrol.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.internal.ManagerWriter;
import org.asteriskjava.manager.internal.ManagerWriterImpl;
import org.asteriskjava.util.SocketConnectionFacade;
import org.junit.jupiter.api.Test;

/** {@link AmiWriter} writes what asterisk-java's own writer writes, header order aside. */
class AmiWriterTest {

    @Test
    void anOriginateWithEveryHeaderIsAsteriskJavasOwn() throws Exception {
        OriginateAction originate = new OriginateAction();
        originate.setActionId("mine");
        originate.setChannel("PJSIP/1000");
        originate.setContext("callcontrol-bridge");
        originate.setExten("s");
        originate.setPriority(1);
        originate.setApplication("Dial");
        originate.setData("PJSIP/1001");
        originate.setTimeout(30_000L);
        originate.setCallerId("\"0631234567\" <0631234567>");
        originate.setCallingPres(1);
        originate.setAccount("crm");
        originate.setAsync(true);
        originate.setEarlyMedia(false);
        originate.setCodecs("ulaw,alaw");
        originate.setChannelId("cc-42-0a1b2c3d");
        originate.setOtherChannelId("cc-42-0a1b2c3d-2");
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("CC_CALL_ID", "42");
        variables.put("CC_RECORDING", "2026/11/22/42.wav");
        variables.put("CC_EMPTY", null);
        originate.setVariables(variables);

        assertSameLines(originate);
    }

    @Test
    void anOriginateAsMakeCallSendsItIsAsteriskJavasOwn() throws Exception {
        OriginateAction originate = new OriginateAction();
        originate.setChannel("PJSIP/1000");
        originate.setContext("callcontrol-bridge");
        originate.setExten("s");
        originate.setPriority(1);
        originate.setTimeout(30_000L);
        originate.setAsync(true);
        originate.setChannelId("cc-7-00ff00ff");
        originate.setVariables(new LinkedHashMap<>(Map.of("CC_CALL_ID", "7")));

        assertSameLines(originate);
    }

    @Test
    void otherActionsGoThroughAsteriskJavasWriter() throws Exception {
        assertSameLines(new HangupAction("cc-7-00ff00ff", 16));
    }

    private static void assertSameLines(ManagerAction action) throws Exception {
        String ours = written(new AmiWriter(), action);
        String stock = written(new ManagerWriterImpl(), action);

        assertThat(ours).endsWith("\r\n\r\n").startsWith("action: ");
        assertThat(lines(ours)).containsExactlyInAnyOrder(lines(stock));
    }

    private static String[] lines(String text) {
        String[] lines = text.split("\r\n", -1);
        Arrays.sort(lines);
        return lines;
    }

    private static String written(ManagerWriter writer, ManagerAction action) throws Exception {
        Captured socket = new Captured();
        writer.setTargetVersion(AsteriskVersion.ASTERISK_22);
        writer.setSocket(socket);
        writer.sendAction(action, "123_0");
        return socket.text.toString();
    }

    /** A socket that keeps what is written. */
    private static final class Captured implements SocketConnectionFacade {
        final StringBuilder text = new StringBuilder();

        @Override
        public String readLine() {
            return null;
        }

        @Override
        public void write(String s) {
            text.append(s);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public InetAddress getLocalAddress() {
            return null;
        }

        @Override
        public int getLocalPort() {
            return 0;
        }

        @Override
        public InetAddress getRemoteAddress() {
            return null;
        }

        @Override
        public int getRemotePort() {
            return 0;
        }
    }
}
