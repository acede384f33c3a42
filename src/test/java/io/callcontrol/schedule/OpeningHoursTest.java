package io.callcontrol.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Opening hours: the format, and the next opening across midnight, closed days and daylight saving changes. */
class OpeningHoursTest {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    private static final OpeningHours OFFICE = OpeningHours.parse("09001800");
    /** Monday to Friday 9-18, Saturday 10-15, Sunday closed. */
    private static final OpeningHours WEEK = OpeningHours.parse(
            "09001800,09001800,09001800,09001800,09001800,10001500,-");

    /** {@code local} in Kyiv, then the next opening, in Kyiv with its offset of that day. */
    @ParameterizedTest
    @CsvSource({
            // inside a window: at once
            "2025-06-04T12:00, 2025-06-04T12:00+03:00",
            "2025-06-04T09:00, 2025-06-04T09:00+03:00",
            // before opening: that morning
            "2025-06-04T07:30, 2025-06-04T09:00+03:00",
            // at closing time and after it: the next morning, across midnight
            "2025-06-04T18:00, 2025-06-05T09:00+03:00",
            "2025-06-04T23:59, 2025-06-05T09:00+03:00",
            "2025-06-05T00:00, 2025-06-05T09:00+03:00",
            // Friday evening: Saturday's shorter hours; Saturday after 15:00: Sunday is closed, so Monday
            "2025-06-06T19:00, 2025-06-07T10:00+03:00",
            "2025-06-07T15:00, 2025-06-09T09:00+03:00",
            "2025-06-08T11:00, 2025-06-09T09:00+03:00",
    })
    void nextOpeningInTheWeek(String local, String expected) {
        assertThat(next(WEEK, local)).isEqualTo(OffsetDateTime.parse(expected).toInstant());
    }

    @Test
    void theWindowKeepsItsLocalTimesAcrossDaylightSavingChanges() {
        // Kyiv moves from +02:00 to +03:00 on 2025-03-30 at 03:00, and back on 2025-10-26 at 04:00
        assertThat(next(OFFICE, "2025-03-29T20:00")).isEqualTo(OffsetDateTime.parse("2025-03-30T09:00+03:00").toInstant());
        assertThat(next(OFFICE, "2025-10-25T20:00")).isEqualTo(OffsetDateTime.parse("2025-10-26T09:00+02:00").toInstant());
        // the same 09:00 local is 23 hours after the day before's in spring, 25 in autumn
        assertThat(next(OFFICE, "2025-03-29T20:00").getEpochSecond() - next(OFFICE, "2025-03-28T20:00").getEpochSecond())
                .isEqualTo(23 * 3600);
        assertThat(next(OFFICE, "2025-10-25T20:00").getEpochSecond() - next(OFFICE, "2025-10-24T20:00").getEpochSecond())
                .isEqualTo(25 * 3600);
    }

    @Test
    void anOpeningTheClockSkipsIsTakenAsTheSameTimeAfterTheJump() {
        OpeningHours early = OpeningHours.parse("03300600");
        // 03:30 does not exist on 2025-03-30 in Kyiv (03:00 -> 04:00): the window opens at 04:30 +03:00
        assertThat(next(early, "2025-03-30T01:00")).isEqualTo(OffsetDateTime.parse("2025-03-30T04:30+03:00").toInstant());
        // 03:30 happens twice on 2025-10-26 (04:00 -> 03:00): the first one
        assertThat(next(early, "2025-10-26T01:00")).isEqualTo(OffsetDateTime.parse("2025-10-26T03:30+03:00").toInstant());
    }

    @Test
    void aWindowMayRunPastMidnightOrCloseAt2400() {
        OpeningHours night = OpeningHours.parse("22000200");
        assertThat(next(night, "2025-06-05T01:00")).as("yesterday's window still open")
                .isEqualTo(OffsetDateTime.parse("2025-06-05T01:00+03:00").toInstant());
        assertThat(next(night, "2025-06-05T02:00")).isEqualTo(OffsetDateTime.parse("2025-06-05T22:00+03:00").toInstant());
        OpeningHours evening = OpeningHours.parse("18002400");
        assertThat(next(evening, "2025-06-05T23:59")).isEqualTo(OffsetDateTime.parse("2025-06-05T23:59+03:00").toInstant());
        assertThat(next(evening, "2025-06-06T00:00")).isEqualTo(OffsetDateTime.parse("2025-06-06T18:00+03:00").toInstant());
        assertThat(next(OpeningHours.parse("00002400"), "2025-06-06T03:17"))
                .isEqualTo(OffsetDateTime.parse("2025-06-06T03:17+03:00").toInstant());
    }

    @Test
    void theSameLocalHoursAreOtherInstantsInAnotherZone() {
        Instant at = Instant.parse("2025-06-04T16:30:00Z"); // 19:30 in Kyiv, 12:30 in New York
        assertThat(OFFICE.nextOpen(at, KYIV)).isEqualTo(OffsetDateTime.parse("2025-06-05T09:00+03:00").toInstant());
        assertThat(OFFICE.nextOpen(at, ZoneId.of("America/New_York"))).isEqualTo(at);
    }

    @Test
    void noHoursMeansAnyTime() {
        Instant at = Instant.parse("2025-06-08T03:00:00Z");
        assertThat(OpeningHours.ALWAYS.nextOpen(at, KYIV)).isEqualTo(at);
        assertThat(OpeningHours.parse("")).isSameAs(OpeningHours.ALWAYS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0900180                                        | every day: '0900180' is not HHMMHHMM, 0 or -",
            "09001800,09001800                              | seven comma-separated entries Monday to Sunday",
            "-                                              | a single entry must be HHMMHHMM",
            "-,-,-,-,-,0,-                                  | every day is closed",
            "09001800,09001800,0900 1800,-,-,-,-            | Wednesday: '0900 1800' is not HHMMHHMM, 0 or -",
            "25001800                                       | every day: 2500 is not a time of day",
            "09601800                                       | every day: 0960 is not a time of day",
            "09002410                                       | every day: 2410 is not a closing time",
            "09000900                                       | opens and closes at 0900",
            "00000000                                       | opens and closes at 0000",
    })
    void badHoursSayWhatIsWrong(String hours, String message) {
        assertThatThrownBy(() -> OpeningHours.parse(hours)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static Instant next(OpeningHours hours, String local) {
        Instant at = ZonedDateTime.of(LocalDateTime.parse(local), KYIV).toInstant();
        return hours.nextOpen(at, KYIV);
    }
}
