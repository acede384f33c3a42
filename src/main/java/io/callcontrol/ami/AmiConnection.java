package io.callcontrol.ami;

import io.callcontrol.config.AmiConfig;
import java.io.IOException;
import java.util.List;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerReader;
import org.asteriskjava.manager.internal.ManagerWriter;
import org.asteriskjava.manager.internal.ReaderSeamConnection;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * asterisk-java's AMI connection (login, actions, responses, reconnecting) reading with {@link AmiReader} from an
 * {@link AmiSocket}, writing with {@link AmiWriter}, and knowing the Asterisk 22 events asterisk-java lacks.
 */
final class AmiConnection extends ReaderSeamConnection {

    /** Asterisk 22's events, or their headers, that asterisk-java does not know. */
    static final List<Class<? extends ManagerEvent>> EVENT_CLASSES = List.of(HangupWithTechCauseEvent.class,
            HangupRequestWithTechCauseEvent.class, DeviceStateChangeWithActionIdEvent.class,
            DeviceStateListCompleteEvent.class);

    private final int readTimeoutMs;

    AmiConnection(AmiConfig config) {
        this.readTimeoutMs = (int) config.readTimeout().toMillis();
        setHostname(config.host());
        setPort(config.port());
        setUsername(config.username());
        setPassword(config.secret());
        // a login refused while Asterisk boots must not end the reconnecting for good
        setKeepAliveAfterAuthenticationFailure(true);
        EVENT_CLASSES.forEach(this::registerUserEventClass);
    }

    @Override
    protected ManagerReader createReader(StockReaderParts stock) {
        return new AmiReader(stock);
    }

    @Override
    protected ManagerWriter createWriter() {
        return new AmiWriter();
    }

    /** As asterisk-java's own socket would be: no connect timeout of its own, the configured read timeout. */
    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
        return new AmiSocket(getHostname(), getPort(), 0, readTimeoutMs);
    }
}
