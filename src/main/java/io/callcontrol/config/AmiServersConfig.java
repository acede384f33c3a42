package io.callcontrol.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Asterisk servers the daemon places calls on. Without {@code ami.servers} it is the one server of the
 * {@code ami.*} keys, named {@value #DEFAULT}; with it, each listed name has its own section {@code ami.<name>.*},
 * and the operator's number picks the server: the first in {@code ami.servers} order whose
 * {@code ami.<name>.operators} lists it, else the one server without that key.
 */
public record AmiServersConfig(List<AmiServerConfig> servers) {

    /** The name of the one server of the single-server keys. */
    public static final String DEFAULT = "default";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    /** The single-server keys that name one Asterisk: with several servers each has its own. */
    private static final List<String> SINGLE_KEYS = List.of("ami.host", "ami.port", "ami.username", "ami.secret");

    public AmiServersConfig {
        servers = List.copyOf(servers);
    }

    static AmiServersConfig from(Settings s, AmiConfig single) {
        String list = s.string("ami.servers", "");
        if (list.isEmpty()) {
            return new AmiServersConfig(List.of(new AmiServerConfig(DEFAULT, single, List.of())));
        }
        for (String key : SINGLE_KEYS) {
            if (s.has(key)) {
                throw new ConfigException(key + ": not used with ami.servers; give each server its own ami.<name>."
                        + key.substring("ami.".length()));
            }
        }
        List<AmiServerConfig> servers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : list.split(",")) {
            String name = entry.trim();
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException("ami.servers: '" + name + "' must be 1 to 32 of a-z 0-9 _ -, starting with"
                        + " a letter or digit");
            }
            if (DEFAULT.equals(name)) {
                throw new ConfigException("ami.servers: '" + DEFAULT + "' names the one server of the ami.* keys;"
                        + " give the servers other names");
            }
            if (!names.add(name)) {
                throw new ConfigException("ami.servers: '" + name + "' is listed twice");
            }
            servers.add(AmiServerConfig.section(s, name, single));
        }
        if (servers.stream().filter(AmiServerConfig::servesTheRest).count() > 1) {
            throw new ConfigException("ami.servers: at most one server may go without ami.<name>.operators (it serves"
                    + " the operators no other lists); these have none: " + servers.stream()
                    .filter(AmiServerConfig::servesTheRest).map(AmiServerConfig::name).toList());
        }
        return new AmiServersConfig(servers);
    }

    /** The server that places the operator's calls; empty when no server lists it and none serves the rest. */
    public Optional<AmiServerConfig> serverOf(String sip) {
        return servers.stream().filter(server -> server.lists(sip)).findFirst()
                .or(() -> servers.stream().filter(AmiServerConfig::servesTheRest).findFirst());
    }

    /** Whether the server {@code name} places the operator's calls. */
    public boolean places(String name, String sip) {
        return serverOf(sip).filter(server -> server.name().equals(name)).isPresent();
    }

    /** The key of the server's secret, as the config names it. */
    public String secretKey(AmiServerConfig server) {
        return DEFAULT.equals(server.name()) ? "ami.secret" : "ami." + server.name() + ".secret";
    }

    public boolean several() {
        return servers.size() > 1;
    }
}
