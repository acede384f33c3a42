package io.callcontrol.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The daemon's name among the daemons sharing one PostgreSQL store: stored with each call it places, so that the
 * leader can tell the calls of a daemon that is gone. Two running daemons must not share a name (the second is
 * refused). The default, host name and HTTP port, differs between hosts and between daemons on one host.
 */
public record DaemonConfig(String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    static DaemonConfig from(Settings s, HttpConfig http) {
        String name = s.string("daemon.name", "");
        if (name.isEmpty()) {
            return new DaemonConfig(hostName() + "-" + http.port());
        }
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("daemon.name: '" + name + "' must be 1 to 63 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        return new DaemonConfig(name);
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return host.isEmpty() || !Character.isLetterOrDigit(host.charAt(0)) ? "callcontrol" : host;
        } catch (UnknownHostException e) {
            return "callcontrol";
        }
    }
}
