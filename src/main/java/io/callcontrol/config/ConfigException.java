package io.callcontrol.config;

/** Bad configuration: the message names the key. The daemon does not start. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
