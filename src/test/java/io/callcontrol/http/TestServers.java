package io.callcontrol.http;

import io.callcontrol.config.Config;
import io.callcontrol.dial.Dialer;
import io.callcontrol.storage.History;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Real servers on port 0, configured through the real config parser. */
public final class TestServers {

    /** A started server and the port it listens on. */
    public record Running(HttpApiServer server, int port) implements AutoCloseable {

        public ApiClient client() {
            return new ApiClient(port);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private TestServers() {
    }

    /** Starts a server with these config keys over the defaults (http.port is 0). */
    public static Running start(Map<String, String> keys, History history, Dialer dialer, Clock clock)
            throws Exception {
        return start(keys, parts -> parts.history(history).dialer(dialer).clock(clock));
    }

    /** Starts a server with these config keys, after {@code parts} replaced the stand-ins it is about. */
    public static Running start(Map<String, String> keys, UnaryOperator<TestParts> parts) throws Exception {
        Map<String, String> values = new HashMap<>(Map.of("http.port", "0", "recordings.dir", "/nonexistent"));
        values.putAll(keys);
        Config config = Config.from(values);
        HttpApiServer server = parts.apply(new TestParts(config.http(), config.recordings())).server();
        return new Running(server, server.start());
    }

    public static Running start(Map<String, String> keys) throws Exception {
        return start(keys, parts -> parts);
    }
}
