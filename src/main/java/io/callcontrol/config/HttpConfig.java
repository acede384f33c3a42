package io.callcontrol.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP API. {@code publicUrl} is the base of recording URLs given to the CRM; empty means "from the
 * request's Host header". Who may call it: peers inside {@code allow}, with one of {@code apiKeys} when any is
 * configured; each caller within {@code ratePerMinute} and {@code ratePerDay} requests (0: unlimited). At most
 * {@code maxConnections} connections are open, at most {@code maxConnectionsPerPeer} of them from one address.
 */
public record HttpConfig(
        String bind,
        int port,
        String publicUrl,
        int maxRequestBytes,
        int workerThreads,
        int ioThreads,
        Duration idleTimeout,
        int maxConnections,
        int maxConnectionsPerPeer,
        List<ApiKey> apiKeys,
        List<Cidr> allow,
        int ratePerMinute,
        int ratePerDay) {

    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /**
     * Room for a CRM's whole connection pool (a PHP-FPM pool of 100 workers, feeds besides) from one address, while
     * one runaway host among the allowed ones leaves most of the connections to the others.
     */
    static final int DEFAULT_MAX_CONNECTIONS_PER_PEER = 128;
    static final String DEFAULT_ALLOW = "127.0.0.0/8,::1/128";
    static final int DEFAULT_RATE_PER_MINUTE = 600;
    static final int DEFAULT_RATE_PER_DAY = 100_000;
    /**
     * The network threads only decode and encode (the workers do the rest): one serves tens of thousands of
     * requests a second, and on a small machine every further one costs CPU in wake-ups (docs/BENCHMARKS.md).
     */
    static final int DEFAULT_IO_THREADS = 1;

    public HttpConfig {
        apiKeys = List.copyOf(apiKeys);
        allow = List.copyOf(allow);
    }

    /** The given basics with every protection at its default: no API keys, loopback only, default rates. */
    public HttpConfig(String bind, int port, String publicUrl, int maxRequestBytes, int workerThreads) {
        this(bind, port, publicUrl, maxRequestBytes, workerThreads, DEFAULT_IO_THREADS, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_PEER, List.of(),
                Cidr.list("http.allow", DEFAULT_ALLOW), DEFAULT_RATE_PER_MINUTE, DEFAULT_RATE_PER_DAY);
    }

    static HttpConfig from(Settings s) {
        String publicUrl = s.string("http.public.url", "");
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new ConfigException("http.public.url: '" + publicUrl + "' is not an http(s) URL");
        }
        int maxConnections = s.integer("http.max.connections", DEFAULT_MAX_CONNECTIONS, 1, 1_000_000);
        return new HttpConfig(
                s.nonEmpty("http.bind", "127.0.0.1"),
                s.port("http.port", 8080),
                publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl,
                s.integer("http.max.request.bytes", 65_536, 1_024, 16 * 1024 * 1024),
                s.integer("http.threads", 16, 1, 512),
                s.integer("http.io.threads", DEFAULT_IO_THREADS, 1, 64),
                s.duration("http.idle.timeout", DEFAULT_IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1)),
                maxConnections,
                perPeer(s, maxConnections),
                ApiKey.list("http.api.keys", s.string("http.api.keys", "")),
                Cidr.list("http.allow", s.nonEmpty("http.allow", DEFAULT_ALLOW)),
                s.integer("http.rate.per.minute", DEFAULT_RATE_PER_MINUTE, 0, 100_000_000),
                s.integer("http.rate.per.day", DEFAULT_RATE_PER_DAY, 0, 1_000_000_000));
    }

    /** Unset, it follows a lower http.max.connections down; set above it, it could never be reached. */
    private static int perPeer(Settings s, int maxConnections) {
        int perPeer = s.integer("http.max.connections.per.peer",
                Math.min(DEFAULT_MAX_CONNECTIONS_PER_PEER, maxConnections), 1, 1_000_000);
        if (perPeer > maxConnections) {
            throw new ConfigException("http.max.connections.per.peer: " + perPeer + " is more than "
                    + "http.max.connections (" + maxConnections + ")");
        }
        return perPeer;
    }

    /** Whether callers must present one of {@link #apiKeys()}. */
    public boolean keysRequired() {
        return !apiKeys.isEmpty();
    }

    /** Never prints a secret: keys appear by name only. */
    @Override
    public String toString() {
        return "HttpConfig[" + bind + ":" + port + ", keys=" + apiKeys + ", allow=" + allow + ", rate="
                + ratePerMinute + "/min " + ratePerDay + "/day]";
    }

    /** One caller's API key: a name for logs and rate limits, and the secret it presents. */
    public record ApiKey(String name, String secret) {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
        private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{16,256}");

        /**
         * Parses {@code name:secret,name:secret}; empty gives none. Messages name the entry by position or name,
         * never by its text, which holds a secret.
         */
        static List<ApiKey> list(String key, String value) {
            List<ApiKey> keys = new ArrayList<>();
            if (value.isEmpty()) {
                return keys;
            }
            Set<String> names = new HashSet<>();
            Set<String> secrets = new HashSet<>();
            String[] entries = value.split(",", -1);
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].trim();
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    throw new ConfigException(key + ": entry " + (i + 1) + " is not name:secret");
                }
                String name = entry.substring(0, colon);
                String secret = entry.substring(colon + 1);
                if (!NAME.matcher(name).matches()) {
                    throw new ConfigException(key + ": entry " + (i + 1)
                            + ": the name must be 1 to 32 characters of A-Z, a-z, 0-9, '_' or '-'");
                }
                if (!SECRET.matcher(secret).matches()) {
                    throw new ConfigException(key + ": key '" + name
                            + "': the secret must be 16 to 256 characters of A-Z, a-z, 0-9, '_' or '-'");
                }
                if (!names.add(name)) {
                    throw new ConfigException(key + ": key '" + name + "' is given twice");
                }
                if (!secrets.add(secret)) {
                    // One secret for two names could not tell the callers apart for their rate limits.
                    throw new ConfigException(key + ": key '" + name + "' has the same secret as another key");
                }
                keys.add(new ApiKey(name, secret));
            }
            return keys;
        }

        /** The name only. */
        @Override
        public String toString() {
            return name;
        }
    }

    /** The ranges as configured, for the start-up log. */
    public String allowText() {
        return allow.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }
}
