package io.callcontrol.config;

/** The FastAGI server the dialplan hooks call. */
public record AgiConfig(String bind, int port, int maxThreads) {

    static AgiConfig from(Settings s) {
        return new AgiConfig(
                s.nonEmpty("agi.bind", "127.0.0.1"),
                s.port("agi.port", 4573),
                s.integer("agi.threads", 50, 2, 1000));
    }
}
