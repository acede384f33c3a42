package io.callcontrol.http;

import io.callcontrol.config.HttpConfig;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.regex.Pattern;

/** Where recording links point: the configured public URL, else the host the CRM reached us by. */
public final class BaseUrl {

    /** A host name or address with an optional port; anything else could forge links in our answers. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");

    private BaseUrl() {
    }

    /**
     * @param host  the request's Host header, possibly null
     * @param local the address the connection arrived on, used when the Host header is missing or not a host:
     *              it is bind:port, with the real interface address when bound to a wildcard
     */
    public static String of(HttpConfig http, String host, SocketAddress local) {
        if (!http.publicUrl().isEmpty()) {
            return http.publicUrl();
        }
        if (host != null && HOST.matcher(host).matches()) {
            return "http://" + host;
        }
        if (local instanceof InetSocketAddress address && address.getAddress() != null) {
            return url(address.getAddress().getHostAddress(), address.getPort());
        }
        return url(http.bind(), http.port());
    }

    /**
     * Where links sent without a request (webhooks) point: http.public.url, else http.bind and the port the API
     * listens on (which only the API's own host may be able to reach: set http.public.url for a CRM elsewhere).
     */
    public static String listening(HttpConfig http, int port) {
        return http.publicUrl().isEmpty() ? url(http.bind(), port) : http.publicUrl();
    }

    /** An IPv6 address goes in brackets, without its scope, which a URL cannot carry. */
    private static String url(String ip, int port) {
        if (ip.contains(":")) {
            int scope = ip.indexOf('%');
            ip = "[" + (scope < 0 ? ip : ip.substring(0, scope)) + "]";
        }
        return "http://" + ip + ":" + port;
    }
}
