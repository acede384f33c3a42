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
                s.duration("ami.read.timeout", Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(10)),
                s.duration("ami.reconnect.max.delay", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5)),
                s.integer("ami.event.queue", 100_000, 1_000, 10_000_000));
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
