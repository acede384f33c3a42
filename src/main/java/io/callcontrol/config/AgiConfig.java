package io.callcontrol.config;

import java.util.List;

/** The FastAGI server the dialplan hooks call, and the peers (Asterisk) it takes hooks from. */
public record AgiConfig(String bind, int port, int maxThreads, List<Cidr> allow) {

    static final String DEFAULT_ALLOW = "127.0.0.0/8,::1/128";

    public AgiConfig {
        allow = List.copyOf(allow);
    }

    static AgiConfig from(Settings s) {
        return new AgiConfig(
                s.nonEmpty("agi.bind", "127.0.0.1"),
                s.port("agi.port", 4573),
                s.integer("agi.threads", 50, 2, 1000),
                Cidr.list("agi.allow", s.nonEmpty("agi.allow", DEFAULT_ALLOW)));
    }
}
