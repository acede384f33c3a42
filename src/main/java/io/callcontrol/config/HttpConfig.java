package io.callcontrol.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP API. {@code publicUrl} is the base of recording URLs given to the CRM; empty means "from the
 * request's Host header". Who may call it: peers inside {@code allow}, with one of {@code apiKeys} when any is
 * configured; each caller within {@code ratePerMinute} and {@code ratePerDay} requests (0: unlimited).
 */
public record HttpConfig(
        String bind,
        int port,
        String publicUrl,
        int maxRequestBytes,
        int workerThreads,
        Duration idleTimeout,
        int maxConnections,
        List<ApiKey> apiKeys,
        List<Cidr> allow,
        int ratePerMinute,
        int ratePerDay) {

    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_CONNECTIONS = 1000;
    static final String DEFAULT_ALLOW = "127.0.0.0/8,::1/128";
    static final int DEFAULT_RATE_PER_MINUTE = 600;
    static final int DEFAULT_RATE_PER_DAY = 100_000;

    public HttpConfig {
        apiKeys = List.copyOf(apiKeys);
        allow = List.copyOf(allow);
    }

    /** The given basics with every protection at its default: no API keys, loopback only, default rates. */
    public HttpConfig(String bind, int port, String publicUrl, int maxRequestBytes, int workerThreads) {
        this(bind, port, publicUrl, maxRequestBytes, workerThreads, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
                List.of(), Cidr.list("http.allow", DEFAULT_ALLOW), DEFAULT_RATE_PER_MINUTE, DEFAULT_RATE_PER_DAY);
    }

    static HttpConfig from(Settings s) {
        String publicUrl = s.string("http.public.url", "");
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new ConfigException("http.public.url: '" + publicUrl + "' is not an http(s) URL");
        }
        return new HttpConfig(
                s.nonEmpty("http.bind", "127.0.0.1"),
                s.port("http.port", 8080),
                publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl,
                s.integer("http.max.request.bytes", 65_536, 1_024, 16 * 1024 * 1024),
                s.integer("http.threads", 16, 1, 512),
                s.duration("http.idle.timeout", DEFAULT_IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1)),
                s.integer("http.max.connections", DEFAULT_MAX_CONNECTIONS, 1, 1_000_000),
                ApiKey.list("http.api.keys", s.string("http.api.keys", "")),
                Cidr.list("http.allow", s.nonEmpty("http.allow", DEFAULT_ALLOW)),
                s.integer("http.rate.per.minute", DEFAULT_RATE_PER_MINUTE, 0, 100_000_000),
                s.integer("http.rate.per.day", DEFAULT_RATE_PER_DAY, 0, 1_000_000_000));
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

    /** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is the range of itself. */
    public record Cidr(InetAddress network, int prefixLength) {

        private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
        private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

        static List<Cidr> list(String key, String value) {
            List<Cidr> ranges = new ArrayList<>();
            for (String item : value.split(",", -1)) {
                ranges.add(parse(key, item.trim()));
            }
            return ranges;
        }

        static Cidr parse(String key, String text) {
            int slash = text.indexOf('/');
            InetAddress network = literal(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new ConfigException(key + ": '" + text + "' is not an IPv4 or IPv6 address or CIDR range");
            }
            int bits = network.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String length = text.substring(slash + 1);
                if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
                    throw new ConfigException(key + ": '" + text + "': the prefix length must be 0 to " + bits);
                }
                prefix = Integer.parseInt(length);
            }
            InetAddress masked = masked(network.getAddress(), prefix);
            if (!masked.equals(network)) {
                throw new ConfigException(key + ": '" + text + "' has bits set after the prefix; did you mean "
                        + new Cidr(masked, prefix) + "?");
            }
            return new Cidr(network, prefix);
        }

        /**
         * A literal address, or null. Parsed here, never by a name lookup: the allow-list must not depend on DNS,
         * and InetAddress would resolve anything that is not a well-formed literal.
         */
        private static InetAddress literal(String text) {
            try {
                Matcher v4 = IPV4.matcher(text);
                if (v4.matches()) {
                    byte[] bytes = new byte[4];
                    for (int i = 0; i < 4; i++) {
                        int octet = Integer.parseInt(v4.group(i + 1));
                        if (octet > 255) {
                            return null;
                        }
                        bytes[i] = (byte) octet;
                    }
                    return InetAddress.getByAddress(bytes);
                }
                // With a ':' InetAddress takes the text as an IPv6 literal and fails rather than looking it up.
                return IPV6.matcher(text).matches() ? InetAddress.getByName(text) : null;
            } catch (UnknownHostException e) {
                return null;
            }
        }

        /** Whether the address lies in this range; an IPv4-mapped IPv6 address counts as its IPv4 address. */
        public boolean contains(InetAddress address) {
            byte[] candidate = unmapped(address);
            byte[] net = network.getAddress();
            if (candidate.length != net.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != net[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (candidate[full] & mask) == (net[full] & mask);
        }

        private static byte[] unmapped(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (address instanceof Inet6Address && isV4Mapped(bytes)) {
                return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
            }
            return bytes;
        }

        private static boolean isV4Mapped(byte[] bytes) {
            for (int i = 0; i < 10; i++) {
                if (bytes[i] != 0) {
                    return false;
                }
            }
            return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
        }

        private static InetAddress masked(byte[] bytes, int prefix) {
            byte[] copy = bytes.clone();
            for (int i = 0; i < copy.length; i++) {
                int keep = Math.max(0, Math.min(8, prefix - i * 8));
                copy[i] &= (byte) (0xFF << (8 - keep));
            }
            try {
                return InetAddress.getByAddress(copy);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
            }
        }

        /** {@code 10.0.0.0/8}, {@code fd00::/8}. */
        @Override
        public String toString() {
            return (network instanceof Inet6Address ? compressed(network.getAddress()) : network.getHostAddress())
                    + "/" + prefixLength;
        }

        /** RFC 5952 text: the longest run of two or more zero groups becomes {@code ::}. */
        private static String compressed(byte[] bytes) {
            int[] groups = new int[8];
            for (int i = 0; i < 8; i++) {
                groups[i] = (bytes[2 * i] & 0xFF) << 8 | bytes[2 * i + 1] & 0xFF;
            }
            int bestStart = -1;
            int bestLength = 1;
            for (int i = 0; i < 8; ) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = Math.max(j, i + 1);
            }
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    text.append("::");
                    i += bestLength - 1;
                    continue;
                }
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
            return text.toString();
        }
    }

    /** The ranges as configured, for the start-up log. */
    public String allowText() {
        return allow.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }
}
