package io.callcontrol.ami;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent;
import org.asteriskjava.manager.internal.AsyncEventPump;
import org.asteriskjava.manager.internal.ManagerReader;
import org.asteriskjava.manager.internal.ManagerUtil;
import org.asteriskjava.manager.internal.ReaderSeamConnection.StockReaderParts;
import org.asteriskjava.manager.internal.backwardsCompatibility.BackwardsCompatibilityForManagerEvents;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.util.DateUtil;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the AMI socket: asterisk-java's own reader (ManagerReaderImpl) line for line, except that the events of a
 * call are built by {@link CallEventDecoder} with plain setters instead of by reflection. Everything else goes to
 * asterisk-java's builders exactly as before: responses (with the class each action expects), the events of
 * event-generating actions, events callcontrol does not read, the protocol identifier, {@code Response: Follows}
 * output, and the DisconnectEvent at the end of the stream that makes the connection reconnect. Delivery is
 * asterisk-java's too: its event pump, a thread of its own behind a bounded queue, so a slow listener cannot stop
 * the reading, and events arrive in the order Asterisk sent them. Left out: ManagerReaderImpl's timing of every
 * event to warn about slow ones. The protocol identifier is looked for only in lines without a colon (it has none).
 */
final class AmiReader implements ManagerReader {

    private static final Logger log = LoggerFactory.getLogger(AmiReader.class);

    private static final List<String> PROTOCOL_IDENTIFIERS = List.of("Asterisk Call Manager/",
            "Asterisk Call Manager Proxy/", "Asterisk Manager Proxy/", "OpenPBX Call Manager/",
            "CallWeaver Call Manager/");

    private final StockReaderParts stock;
    private final CallEventDecoder decoder = new CallEventDecoder();
    private final LowerCaseNames headerNames = new LowerCaseNames();
    private final LowerCaseNames eventNames = new LowerCaseNames();
    private final Map<String, Class<? extends ManagerResponse>> expectedResponses = new ConcurrentHashMap<>();
    /** The legacy events asterisk-java makes of bridge and MeetMe events, as its reader does. */
    private final BackwardsCompatibilityForManagerEvents compatibility = new BackwardsCompatibilityForManagerEvents();
    private volatile SocketConnectionFacade socket;
    private volatile boolean die;
    private volatile boolean dead;
    private volatile IOException terminationException;

    AmiReader(StockReaderParts stock) {
        this.stock = stock;
    }

    @Override
    public void setSocket(SocketConnectionFacade socket) {
        this.socket = socket;
    }

    @Override
    public void registerEventClass(Class<? extends ManagerEvent> type) {
        stock.registerEventClass(type);
        decoder.registered(type);
    }

    @Override
    public void deregisterEventClass(Class<? extends ManagerEvent> type) {
        stock.deregisterEventClass(type);
        decoder.deregistered(type);
    }

    @Override
    public void expectResponseClass(String internalActionId, Class<? extends ManagerResponse> type) {
        expectedResponses.put(internalActionId, type);
    }

    @Override
    public void die() {
        die = true;
    }

    @Override
    public boolean isDead() {
        return dead;
    }

    @Override
    public IOException getTerminationException() {
        return terminationException;
    }

    /** One connection's reading, on the thread asterisk-java starts for it; ends at the end of the stream. */
    @Override
    public void run() {
        SocketConnectionFacade in = socket;
        if (in == null) {
            throw new IllegalStateException("Unable to run: socket is null.");
        }
        die = false;
        dead = false;
        AsyncEventPump pump = stock.startPump(this, Thread.currentThread().getName());
        Map<String, Object> headers = new HashMap<>();
        try {
            String line;
            while (!die && (line = in.readLine()) != null) {
                int colon = line.indexOf(':');
                if (colon < 0 && isProtocolIdentifier(line)) {
                    ProtocolIdentifierReceivedEvent identifier = new ProtocolIdentifierReceivedEvent(stock.source());
                    identifier.setProtocolIdentifier(line);
                    identifier.setDateReceived(DateUtil.getDate());
                    pump.dispatchEvent(identifier, null);
                } else if ("Follows".equals(headers.get("response")) && line.endsWith("--END COMMAND--")) {
                    // a command's output: lines joined by bare LFs, so one "line" here
                    headers.put(COMMAND_RESULT_RESPONSE_KEY, line);
                } else if (!line.isEmpty()) {
                    addHeader(headers, line, colon);
                } else {
                    dispatch(headers, pump);
                    headers.clear();
                }
            }
            log.debug("AMI: end of stream");
        } catch (IOException e) {
            terminationException = e;
            log.info("AMI: reader stops: {}", e.getMessage());
        } catch (RuntimeException e) {
            terminationException = new IOException(e);
            log.error("AMI: reader failed", e);
        } finally {
            dead = true;
            DisconnectEvent disconnect = new DisconnectEvent(stock.source());
            disconnect.setDateReceived(DateUtil.getDate());
            pump.dispatchEvent(disconnect, null);
            pump.stop();
        }
    }

    private static boolean isProtocolIdentifier(String line) {
        for (String prefix : PROTOCOL_IDENTIFIERS) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code Name: value}: the name lower-cased, both trimmed (as {@link String#trim}); a name seen again collects
     * its values in a list. A line without a colon or without a name is ignored.
     */
    @SuppressWarnings("unchecked")
    private void addHeader(Map<String, Object> headers, String line, int colon) {
        int nameFrom = skipSpace(line, 0, colon);
        int nameTo = trimSpace(line, nameFrom, colon);
        if (colon < 0 || nameFrom == nameTo) {
            return;
        }
        String name = headerNames.of(line, nameFrom, nameTo);
        int valueFrom = skipSpace(line, colon + 1, line.length());
        String value = line.substring(valueFrom, trimSpace(line, valueFrom, line.length()));
        Object seen = headers.putIfAbsent(name, value);
        if (seen instanceof List<?> values) {
            ((List<String>) values).add(value);
        } else if (seen != null) {
            List<String> values = new ArrayList<>();
            values.add((String) seen);
            values.add(value);
            headers.put(name, values);
        }
    }

    private static int skipSpace(String line, int from, int to) {
        while (from < to && line.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    private static int trimSpace(String line, int from, int to) {
        while (to > from && line.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }

    /** A complete message (its blank line read): an event, a response, or nothing worth a word. */
    private void dispatch(Map<String, Object> headers, AsyncEventPump pump) {
        if (headers.containsKey("event")) {
            ManagerEvent event = buildEvent(headers);
            if (event == null) {
                return;
            }
            event.setDateReceived(DateUtil.getDate());
            pump.dispatchEvent(event, null);
            ManagerEvent legacy = compatibility.handleEvent(event);
            if (legacy != null) {
                pump.dispatchEvent(legacy, null);
            }
        } else if (headers.containsKey("response")) {
            String actionId = headers.get("actionid") instanceof String id ? id : null;
            String internalActionId = ManagerUtil.getInternalActionId(actionId);
            Class<? extends ManagerResponse> type =
                    internalActionId == null ? null : expectedResponses.remove(internalActionId);
            ManagerResponse response = stock.buildResponse(type, headers);
            if (response != null) {
                response.setDateReceived(DateUtil.getDate());
                pump.dispatchResponse(response, null);
            }
        } else if (!headers.isEmpty()) {
            log.debug("AMI: a message with neither Event nor Response: {}", headers);
        }
    }

    private ManagerEvent buildEvent(Map<String, Object> headers) {
        if (headers.get("event") instanceof String name) {
            ManagerEvent event = decoder.decode(eventNames.of(name, 0, name.length()), headers, stock.source());
            if (event != null) {
                return event;
            }
        }
        return stock.buildEvent(headers);
    }
}
