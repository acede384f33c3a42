package io.callcontrol.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address range in CIDR notation, parsed from config without any name lookup. */
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
