package io.callcontrol.call;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator channel's uniqueid, chosen by the daemon (Originate ChannelId): {@code cc-<call_id>-<token>}.
 * Asterisk makes it every leg's Linkedid, so any event names its call without a lookup, even after a restart.
 */
public final class ChannelIds {

    private static final Pattern FORMAT = Pattern.compile("cc-(\\d{1,18})-[0-9a-f]{8}");

    private ChannelIds() {
    }

    public static String of(long callId, String token) {
        return "cc-" + callId + "-" + token;
    }

    /** The call of a channel id or Linkedid; empty when it is not one of ours. */
    public static OptionalLong callId(String channelId) {
        if (channelId == null || !channelId.startsWith("cc-")) {
            return OptionalLong.empty();
        }
        Matcher m = FORMAT.matcher(channelId);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
