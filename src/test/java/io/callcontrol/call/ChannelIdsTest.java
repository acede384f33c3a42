package io.callcontrol.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChannelIdsTest {

    /** The format as documented, as a regex: the oracle for the hand-written reading. */
    private static final Pattern FORMAT = Pattern.compile("cc-(\\d{1,18})-([0-9a-f]{8}|[0-9a-f]{16})");

    @Test
    void readsExactlyTheIdsOfTheDocumentedFormat() {
        List<String> ids = List.of("cc-1-0123abcd", "cc-42-deadbeef", "cc-123456789012345678-00000000",
                "cc-1234567890123456789-00000000", "cc--0123abcd", "cc-1-0123abc", "cc-1-0123abcde", "cc-1-0123ABCD",
                "cc-1-0123abcg", "cc-5-0123456789abcdef", "cc-5-0123456789abcde", "cc-5-0123456789abcdef0",
                "cc-5-0123456789abcdeg", "cc-5-0123456789abcd", "cc-1x-0123abcd", "cc-1-2-0123abcd", "cc-1-012-3abcd", "cc-007-0123abcd",
                "cc-probe-1234abcd", "CC-1-0123abcd", "xcc-1-0123abcd", "cc-", "cc-1", "cc-1-", "1700000000.12",
                "PJSIP/1000-00000004", "", "cc-١-0123abcd");
        for (String id : ids) {
            Matcher m = FORMAT.matcher(id);
            OptionalLong expected = m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
            assertThat(ChannelIds.callId(id)).as(id).isEqualTo(expected);
        }
        assertThat(ChannelIds.callId(null)).isEmpty();
    }

    @Test
    void anIdMadeForACallNamesThatCall() {
        assertThat(ChannelIds.callId(ChannelIds.of(987_654_321L, "0a1b2c3d4e5f6a7b"))).hasValue(987_654_321L);
        assertThat(ChannelIds.callId(ChannelIds.of(42L, "0a1b2c3d"))).as("placed by an earlier version").hasValue(42L);
    }
}
