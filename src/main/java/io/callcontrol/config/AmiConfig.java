package io.callcontrol.config;

import java.time.Duration;

/** The AMI link to Asterisk. */
public record AmiConfig(
        String host,
        int port,
        String username,
        String secret,
        Duration readTimeout,
        Duration reconnectMaxDelay,
        int eventQueueCapacity) {

    static final String DEFAULT_SECRET = "callcontrol-change-me";

    static AmiConfig from(Settings s) {
        return new AmiConfig(
                s.nonEmpty("ami.host", "127.0.0.1"),
                s.port("ami.port", 5038),
                s.nonEmpty("ami.username", "callcontrol"),
                s.nonEmpty("ami.secret", DEFAULT_SECRET),
                readTimeout(s, "ami.read.timeout", Duration.ofSeconds(30)),
                reconnectMaxDelay(s, "ami.reconnect.max.delay", Duration.ofSeconds(10)),
                s.integer("ami.event.queue", 100_000, 1_000, 10_000_000));
    }

    /**
     * One server's section {@code ami.<name>.*} of several: host and secret are its own and required (no default
     * Asterisk, no default secret when there are several); the port and user default as for one server, and the
     * timeouts to the daemon-wide {@code ami.*} ones.
     */
    static AmiConfig section(Settings s, String name, AmiConfig shared) {
        String prefix = "ami." + name + ".";
        return new AmiConfig(
                required(s, prefix + "host"),
                s.port(prefix + "port", 5038),
                s.nonEmpty(prefix + "username", "callcontrol"),
                required(s, prefix + "secret"),
                readTimeout(s, prefix + "read.timeout", shared.readTimeout()),
                reconnectMaxDelay(s, prefix + "reconnect.max.delay", shared.reconnectMaxDelay()),
                shared.eventQueueCapacity());
    }

    private static String required(Settings s, String key) {
        String value = s.string(key, "");
        if (value.isEmpty()) {
            throw new ConfigException(key + ": must be set (one per server of ami.servers)");
        }
        return value;
    }

    private static Duration readTimeout(Settings s, String key, Duration defaultValue) {
        return s.duration(key, defaultValue, Duration.ofSeconds(5), Duration.ofMinutes(10));
    }

    private static Duration reconnectMaxDelay(Settings s, String key, Duration defaultValue) {
        return s.duration(key, defaultValue, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    public boolean usesDefaultSecret() {
        return DEFAULT_SECRET.equals(secret);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "AmiConfig[" + username + "@" + host + ":" + port + "]";
    }
}
