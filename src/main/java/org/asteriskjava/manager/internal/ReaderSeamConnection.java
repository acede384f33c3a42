package org.asteriskjava.manager.internal;

import java.util.Map;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerResponse;

/**
 * asterisk-java's connection with its reader supplied by a subclass in another package. asterisk-java made
 * {@code createReader} overridable for that, but its parameter type, its event and response builders and its
 * event pump are package-private, so no class outside this package can override it or reuse those parts. This
 * class, compiled into asterisk-java's package, only hands them on as public types; it holds no logic of its own.
 */
public abstract class ReaderSeamConnection extends ManagerConnectionImpl {

    @Override
    protected final ManagerReader createReader(Dispatcher dispatcher, Object source) {
        return createReader(new StockReaderParts(dispatcher, source));
    }

    /** The reader of this connection; called once, before the first connect. */
    protected abstract ManagerReader createReader(StockReaderParts stock);

    /** The parts asterisk-java's own reader (ManagerReaderImpl) is made of, for a reader that reuses them. */
    public static final class StockReaderParts {
        private final Dispatcher dispatcher;
        private final Object source;
        private final EventBuilder events = new EventBuilderImpl();
        private final ResponseBuilder responses = new ResponseBuilderImpl();

        StockReaderParts(Dispatcher dispatcher, Object source) {
            this.dispatcher = dispatcher;
            this.source = source;
        }

        /** The source every event of this connection carries. */
        public Object source() {
            return source;
        }

        /** The event of these headers (names lower-cased) by asterisk-java's reflection; null if it has none. */
        public ManagerEvent buildEvent(Map<String, Object> headers) {
            return events.buildEvent(source, headers);
        }

        /** The response of these headers; {@code type} as the action expects it, or null for the plain one. */
        public ManagerResponse buildResponse(Class<? extends ManagerResponse> type, Map<String, Object> headers) {
            return responses.buildResponse(type, headers);
        }

        public void registerEventClass(Class<? extends ManagerEvent> type) {
            events.registerEventClass(type);
        }

        public void deregisterEventClass(Class<? extends ManagerEvent> type) {
            events.deregisterEventClass(type);
        }

        /**
         * Starts asterisk-java's event pump for one connection's reading: a thread named after {@code readerName}
         * that delivers to the connection, from a bounded queue that drops (and logs) what does not fit.
         */
        public AsyncEventPump startPump(Object owner, String readerName) {
            return new AsyncEventPump(owner, dispatcher, readerName);
        }
    }
}
