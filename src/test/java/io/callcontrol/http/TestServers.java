package io.callcontrol.http;

import io.callcontrol.config.Config;
import io.callcontrol.dial.Dialer;
import io.callcontrol.storage.History;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Real servers on port 0, configured through the real config parser. */
final class TestServers {

    /** A started server and the port it listens on. */
    record Running(HttpApiServer server, int port) implements AutoCloseable {

        ApiClient client() {
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
    static Running start(Map<String, String> keys, History history, Dialer dialer, Clock clock) throws Exception {
        return start(keys, history, dialer, clock, server -> server);
    }

    /** Starts a server with these config keys, after {@code parts} added its optional parts (health, metrics). */
    static Running start(Map<String, String> keys, UnaryOperator<HttpApiServer> parts) throws Exception {
        return start(keys, new FakeHistory(), new FakeDialer(), Clock.systemUTC(), parts);
    }

    static Running start(Map<String, String> keys, History history, Dialer dialer, Clock clock,
            UnaryOperator<HttpApiServer> parts) throws Exception {
        Map<String, String> values = new HashMap<>(Map.of("http.port", "0", "recordings.dir", "/nonexistent"));
        values.putAll(keys);
        Config config = Config.from(values);
        HttpApiServer server = parts.apply(new HttpApiServer(config.http(), config.recordings(), history, dialer,
                ZoneOffset.UTC, clock));
        return new Running(server, server.start());
    }

    static Running start(Map<String, String> keys) throws Exception {
        return start(keys, new FakeHistory(), new FakeDialer(), Clock.systemUTC());
    }
}
