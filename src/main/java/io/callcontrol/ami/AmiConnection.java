package io.callcontrol.ami;

import io.callcontrol.config.AmiConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** How often a refused connect is tried again within one of asterisk-java's attempts. */
    static final Duration REFUSED_RETRY = Duration.ofMillis(200);
    /** How long one attempt keeps trying while the port refuses; then asterisk-java's own pause follows. */
    static final Duration REFUSED_WINDOW = Duration.ofSeconds(10);

    private final int readTimeoutMs;
    private volatile boolean stopping;
    /** Connects refused and tried again, for the tests. */
    private final AtomicInteger refusals = new AtomicInteger();

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

    /**
     * As asterisk-java's own socket would be (no connect timeout of its own, the configured read timeout), but a
     * refused connect is tried again every {@link #REFUSED_RETRY} for up to {@link #REFUSED_WINDOW}. asterisk-java
     * reconnects with 10 quick tries and then one every 5 s: an Asterisk that takes more than about a second to
     * restart was found up to 5 s late, with makeCall refused all that time. Its port refuses connects while it is
     * down, so trying again here finds it within 200 ms of its AMI listening.
     */
    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
        long deadline = System.nanoTime() + REFUSED_WINDOW.toNanos();
        while (true) {
            try {
                return new AmiSocket(getHostname(), getPort(), 0, readTimeoutMs);
            } catch (ConnectException e) {
                if (stopping || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                refusals.incrementAndGet();
                pause(e);
            }
        }
    }

    int refusals() {
        return refusals.get();
    }

    /** Ends a connect being tried again, so that a logoff (which waits for it) is not held up. */
    void stopConnecting() {
        stopping = true;
    }

    private static void pause(ConnectException refused) throws ConnectException {
        try {
            Thread.sleep(REFUSED_RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused;
        }
    }
}
