package io.callcontrol.call;

import java.util.OptionalLong;

/**
 * The operator channel's uniqueid, chosen by the daemon (Originate ChannelId): {@code cc-<call_id>-<token>}, the
 * call id in 1 to 18 digits, the token 16 lower-case hex digits (8 in calls stored by earlier versions, still
 * read). Asterisk makes it every leg's Linkedid, so any event names its call without a lookup, even after a
 * restart.
 */
public final class ChannelIds {

    private static final String PREFIX = "cc-";
    private static final int MAX_ID_DIGITS = 18;
    /** The token of the calls placed now: 64 random bits, beyond guessing through the FastAGI port. */
    public static final int TOKEN_LENGTH = 16;
    /** The token of calls placed by earlier versions, which an upgraded daemon still follows to their end. */
    private static final int OLD_TOKEN_LENGTH = 8;

    private ChannelIds() {
    }

    public static String of(long callId, String token) {
        return PREFIX + callId + "-" + token;
    }

    /**
     * The call of a channel id or Linkedid; empty when it is not one of ours. Read by hand, not by a regex: it runs
     * for every AMI event.
     */
    public static OptionalLong callId(String channelId) {
        if (channelId == null || !channelId.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        int dash = channelId.indexOf('-', PREFIX.length());
        int digits = dash - PREFIX.length();
        int tokenLength = channelId.length() - dash - 1;
        if (digits < 1 || digits > MAX_ID_DIGITS || tokenLength != TOKEN_LENGTH && tokenLength != OLD_TOKEN_LENGTH) {
            return OptionalLong.empty();
        }
        long id = 0;
        for (int i = PREFIX.length(); i < dash; i++) {
            char c = channelId.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            id = 10 * id + (c - '0');
        }
        for (int i = dash + 1; i < channelId.length(); i++) {
            char c = channelId.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(id);
    }
}
