package io.callcontrol.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.dial.CallRefusedException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scheduling parameters: time_to_call's two forms, its bounds, and errors that name the parameter. */
class ScheduleRequestTest {

    private static final Instant NOW = Instant.parse("2025-06-04T10:00:00Z");
    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    @ParameterizedTest
    @CsvSource({
            "1749031200, 2025-06-04T10:00:00Z",
            "1749034800, 2025-06-04T11:00:00Z",
            "2025-06-04T14:00:00+03:00, 2025-06-04T11:00:00Z",
            "2025-06-04T14:00+03:00, 2025-06-04T11:00:00Z",
            "2025-06-04T11:00:00.500Z, 2025-06-04T11:00:00.500Z",
            // a '+' that reached the query string unencoded arrives as a space
            "2025-06-04T14:00:00 03:00, 2025-06-04T11:00:00Z",
            // in the past: at once
            "1700000000, 2023-11-14T22:13:20Z",
            "0, 1970-01-01T00:00:00Z",
    })
    void timeToCallIsUnixSecondsOrIsoWithOffset(String value, String expected) throws Exception {
        assertThat(request(value, null, null, null).timeToCall()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void aTimeThatHasPassedIsDueAtOnceWithinOpeningHours() throws Exception {
        assertThat(request("1700000000", null, null, null).firstAttemptAt(NOW)).isEqualTo(NOW);
        assertThat(request(null, null, null, null).firstAttemptAt(NOW)).isEqualTo(NOW);
        // 13:00 in Kyiv is open; 20:00 is not: the next morning
        assertThat(request(null, null, "09001800", null).firstAttemptAt(NOW)).isEqualTo(NOW);
        assertThat(request("2025-06-04T20:00:00+03:00", null, "09001800", null).firstAttemptAt(NOW))
                .isEqualTo(Instant.parse("2025-06-05T06:00:00Z"));
        assertThat(request("2025-06-04T20:00:00+03:00", null, "09001800", "America/New_York").firstAttemptAt(NOW))
                .as("13:00 in New York").isEqualTo(Instant.parse("2025-06-04T17:00:00Z"));
    }

    @Test
    void theZoneDefaultsToTheConfiguredOne() throws Exception {
        assertThat(request(null, null, null, null).zone()).isEqualTo(KYIV);
        assertThat(request(null, null, null, "UTC").zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(request(null, "5,10", null, null).retries().attempts()).isEqualTo(3);
        assertThat(request(null, null, null, null).hours()).isSameAs(OpeningHours.ALWAYS);
    }

    @Test
    void oneYearAheadIsTheLimit() throws Exception {
        assertThat(request(Long.toString(NOW.plus(ScheduleRequest.MAX_AHEAD).getEpochSecond()), null, null, null)
                .timeToCall()).isEqualTo(NOW.plus(ScheduleRequest.MAX_AHEAD));
        refused(Long.toString(NOW.plus(ScheduleRequest.MAX_AHEAD).getEpochSecond() + 1), null, null, null,
                "time_to_call", "is more than 365 days ahead");
        refused("1749031200000", null, null, null, "time_to_call", "is more than 365 days ahead (Unix time is in seconds)");
        refused("99999999999999999999999", null, null, null, "time_to_call", "is more than 365 days ahead");
        refused("2027-01-01T00:00:00Z", null, null, null, "time_to_call", "is more than 365 days ahead");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2025-06-04T14:00:00        | time_to_call | ISO 8601 with an offset",
            "2025-06-04                 | time_to_call | ISO 8601 with an offset",
            "-5                         | time_to_call | is neither",
            "1.5                        | time_to_call | is neither",
            "tomorrow                   | time_to_call | 'tomorrow' is neither",
            "2025-06-04 14:00:00+03:00  | time_to_call | is neither",
    })
    void badTimesNameTheParameter(String value, String parameter, String message) {
        refused(value, null, null, null, parameter, message);
    }

    @Test
    void badPlansHoursAndZonesNameTheirParameter() {
        refused(null, "0", null, null, "interval", "interval: must be a comma list of minutes, each 1 to 1440");
        refused(null, "1,2,3,4,5,6,7,8,9,10,11", null, null, "interval", "interval: at most 10 retries");
        refused(null, null, "9-18", null, "hours", "hours: every day: '9-18' is not HHMMHHMM");
        refused(null, null, null, "Mars/Olympus", "tz", "tz: must be an IANA time zone");
        refused(null, null, null, "+02:00", "tz", "'+02:00' is not one");
    }

    @Test
    void anyParameterAsksForScheduling() {
        assertThat(ScheduleRequest.asked(null, null, null, null)).isFalse();
        assertThat(ScheduleRequest.asked("1", null, null, null)).isTrue();
        assertThat(ScheduleRequest.asked(null, "5", null, null)).isTrue();
        assertThat(ScheduleRequest.asked(null, null, "09001800", null)).isTrue();
        assertThat(ScheduleRequest.asked(null, null, null, "UTC")).isTrue();
    }

    private static ScheduleRequest request(String time, String interval, String hours, String tz)
            throws CallRefusedException {
        return ScheduleRequest.of(time, interval, hours, tz, KYIV, NOW);
    }

    private static void refused(String time, String interval, String hours, String tz, String parameter,
            String message) {
        assertThatThrownBy(() -> request(time, interval, hours, tz))
                .isInstanceOfSatisfying(CallRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CallRefusedException.Reason.INVALID_PARAMETER);
                    assertThat(e.parameter()).isEqualTo(parameter);
                    assertThat(e.getMessage()).startsWith(parameter + ": ").contains(message);
                });
    }
}
