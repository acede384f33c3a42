package io.callcontrol.http.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.http.recordings.ByteRange.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of {1} bytes -> {2} {3}+{4}")
    @CsvSource(nullValues = "null", value = {
            // header,            size, kind,          start, length, content-range
            "null,                 100, WHOLE,          0,    100,    null",
            "'bytes=0-9',          100, PARTIAL,        0,    10,     bytes 0-9/100",
            "'bytes=90-',          100, PARTIAL,        90,   10,     bytes 90-99/100",
            "'bytes=-10',          100, PARTIAL,        90,   10,     bytes 90-99/100",
            "'bytes=-500',         100, PARTIAL,        0,    100,    bytes 0-99/100",
            "'bytes=50-500',       100, PARTIAL,        50,   50,     bytes 50-99/100",
            "'Bytes=1-1',          100, PARTIAL,        1,    1,      bytes 1-1/100",
            "'bytes=100-',         100, UNSATISFIABLE,  0,    0,      bytes */100",
            "'bytes=100-200',      100, UNSATISFIABLE,  0,    0,      bytes */100",
            "'bytes=-0',           100, UNSATISFIABLE,  0,    0,      bytes */100",
            "'bytes=0-',           0,   UNSATISFIABLE,  0,    0,      bytes */0",
            "'bytes=-',            100, WHOLE,          0,    100,    null",
            "'bytes=9-5',          100, WHOLE,          0,    100,    null",
            "'bytes=0-1,5-6',      100, WHOLE,          0,    100,    null",
            "'items=0-5',          100, WHOLE,          0,    100,    null",
            "'bytes=99999999999999999999-', 100, WHOLE, 0,    100,    null",
    })
    void readsSingleRanges(String header, long size, Kind kind, long start, long length, String contentRange) {
        ByteRange range = ByteRange.of(header, size);

        assertThat(range.kind()).isEqualTo(kind);
        assertThat(range.start()).isEqualTo(start);
        assertThat(range.length()).isEqualTo(length);
        if (contentRange != null) {
            assertThat(range.contentRange()).isEqualTo(contentRange);
        }
    }
}
