package io.callcontrol.ami;

import java.io.IOException;
import java.util.Map;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.internal.ManagerUtil;
import org.asteriskjava.manager.internal.ManagerWriter;
import org.asteriskjava.manager.internal.ManagerWriterImpl;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Writes actions to the AMI socket: an Originate, makeCall's one action, spelt out here, every other action by
 * asterisk-java's own writer. asterisk-java builds each action's text by reflection, looking up every getter, its
 * setter and its field anew for each action sent: for an Originate that was most of makeCall's garbage and a fifth
 * of its worker's CPU. The text is the one asterisk-java writes (header names in lower case, a {@code variable:
 * name=value} line per variable, headers without a value left out); one lock keeps the two writers' actions whole.
 */
final class AmiWriter implements ManagerWriter {

    private static final String EOL = "\r\n";

    private final ManagerWriterImpl stock = new ManagerWriterImpl();
    private SocketConnectionFacade socket;

    @Override
    public synchronized void setTargetVersion(AsteriskVersion version) {
        stock.setTargetVersion(version);
    }

    @Override
    public synchronized void setSocket(SocketConnectionFacade socket) {
        this.socket = socket;
        stock.setSocket(socket);
    }

    @Override
    public synchronized void sendAction(ManagerAction action, String internalActionId) throws IOException {
        if (!(action instanceof OriginateAction originate)) {
            stock.sendAction(action, internalActionId);
            return;
        }
        if (socket == null) {
            throw new IllegalStateException("Unable to send action: socket is null");
        }
        socket.write(text(originate, internalActionId));
        socket.flush();
    }

    /** The Originate as asterisk-java's ActionBuilderImpl writes it (in another header order, which AMI ignores). */
    static String text(OriginateAction o, String internalActionId) {
        StringBuilder text = new StringBuilder(512);
        header(text, "action", o.getAction());
        header(text, "actionid", ManagerUtil.addInternalActionId(o.getActionId(), internalActionId));
        header(text, "channel", o.getChannel());
        header(text, "context", o.getContext());
        header(text, "exten", o.getExten());
        header(text, "priority", o.getPriority());
        header(text, "application", o.getApplication());
        header(text, "data", o.getData());
        header(text, "timeout", o.getTimeout());
        header(text, "callerid", o.getCallerId());
        header(text, "callingpres", o.getCallingPres());
        header(text, "account", o.getAccount());
        header(text, "async", o.getAsync());
        header(text, "earlymedia", o.getEarlyMedia());
        header(text, "codecs", o.getCodecs());
        header(text, "channelid", o.getChannelId());
        header(text, "otherchannelid", o.getOtherChannelId());
        if (o.getVariables() != null) {
            for (Map.Entry<String, String> variable : o.getVariables().entrySet()) {
                text.append("variable: ").append(variable.getKey()).append('=');
                if (variable.getValue() != null) {
                    text.append(variable.getValue());
                }
                text.append(EOL);
            }
        }
        return text.append(EOL).toString();
    }

    private static void header(StringBuilder text, String name, Object value) {
        if (value != null) {
            text.append(name).append(": ").append(value).append(EOL);
        }
    }
}
