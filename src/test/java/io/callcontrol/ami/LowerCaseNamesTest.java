package io.callcontrol.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class LowerCaseNamesTest {

    private final LowerCaseNames names = new LowerCaseNames();

    @Test
    void aNameIsCutFromItsLineAndLowerCasedTheSameEveryTime() {
        String first = names.of("Uniqueid: cc-1-abcd", 0, 8);
        String again = names.of("  Uniqueid  : cc-2-abcd", 2, 10);

        assertThat(first).isEqualTo("uniqueid").isSameAs(again);
        assertThat(names.of("UNIQUEID: x", 0, 8)).isEqualTo("uniqueid");
        assertThat(names.of("UniqueidX: x", 0, 9)).isEqualTo("uniqueidx");
        assertThat(names.of("Unique: x", 0, 6)).isEqualTo("unique");
    }

    @Test
    void namesBeyondItsCapacityAreStillLowerCased() {
        for (int i = 0; i < 3 * LowerCaseNames.CAPACITY; i++) {
            String line = "X-Header-" + i + ": value";
            assertThat(names.of(line, 0, line.indexOf(':'))).isEqualTo(("X-Header-" + i).toLowerCase(Locale.ENGLISH));
        }
        for (int i = 0; i < 3 * LowerCaseNames.CAPACITY; i++) {
            String line = "X-HEADER-" + i + ":";
            assertThat(names.of(line, 0, line.length() - 1)).isEqualTo("x-header-" + i);
        }
    }
}
