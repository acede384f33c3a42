package io.callcontrol.http.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** TimeFormat writes exactly what the pattern's DateTimeFormatter writes, for every instant and zone. */
class TimeFormatTest {

    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
    private static final long FIRST = LocalDate.of(1, 1, 1).toEpochDay() * 86_400;
    private static final long LAST = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400;

    /**
     * Fixed offsets, daylight saving in both hemispheres, half- and quarter-hour offsets, offsets with seconds
     * (before 1937 in Amsterdam, before 1972 in Monrovia), a skipped day (Apia, 2011), clocks changed at
     * midnight (Sao Paulo, Gaza), and the JVM's own zone.
     */
    static Stream<ZoneId> zones() {
        return Stream.of("UTC", "+03:00", "-09:30", "Europe/Kyiv", "America/New_York", "Australia/Lord_Howe",
                "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "Europe/Amsterdam", "Africa/Monrovia",
                "Pacific/Apia", "America/Sao_Paulo", "Asia/Gaza", ZoneId.systemDefault().getId()).map(ZoneId::of);
    }

    @ParameterizedTest
    @MethodSource("zones")
    void aroundEveryOffsetChangeFrom1850To2060(ZoneId zone) {
        List<Instant> instants = new ArrayList<>();
        Instant at = Instant.parse("1850-01-01T00:00:00Z");
        ZoneOffsetTransition t;
        Instant end = Instant.parse("2060-01-01T00:00:00Z");
        while ((t = zone.getRules().nextTransition(at)) != null && t.getInstant().isBefore(end)) {
            long second = t.toEpochSecond();
            for (long delta : new long[] {-86_400_000, -3_600_000, -1_000, -1, 0, 1, 999, 1_000, 3_600_000,
                    86_400_000}) {
                instants.add(Instant.ofEpochMilli(second * 1_000 + delta));
            }
            at = t.getInstant();
        }
        assertSameAsFormatter(zone, instants);
        Collections.shuffle(instants, new Random(1));
        assertSameAsFormatter(zone, instants);
    }

    @ParameterizedTest
    @MethodSource("zones")
    void everySecondOfTheDaysAroundAChangeInOrder(ZoneId zone) {
        ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.parse("2024-01-01T00:00:00Z"));
        long change = t == null ? Instant.parse("2024-03-31T00:00:00Z").getEpochSecond() : t.toEpochSecond();
        long start = change - 2 * 86_400;
        List<Instant> instants = new ArrayList<>();
        for (long second = start; second < start + 4 * 86_400; second++) {
            instants.add(Instant.ofEpochSecond(second, (second % 1_000) * 1_000_000 + 123_456));
        }
        assertSameAsFormatter(zone, instants);
    }

    @ParameterizedTest
    @MethodSource("zones")
    void randomInstantsOfAllFourDigitYearsAndBeyond(ZoneId zone) {
        Random random = new Random(zone.getId().hashCode());
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long second = FIRST + (long) (random.nextDouble() * (LAST - FIRST));
            instants.add(Instant.ofEpochSecond(second, random.nextInt(1_000_000_000)));
        }
        for (int i = 0; i < 20_000; i++) { // the last hundred years and the next ten, where the API's times are
            long second = Instant.parse("1930-01-01T00:00:00Z").getEpochSecond()
                    + (long) (random.nextDouble() * 110 * 365.25 * 86_400);
            instants.add(Instant.ofEpochSecond(second, random.nextInt(1_000_000_000)));
        }
        instants.addAll(List.of(Instant.EPOCH, Instant.ofEpochMilli(-1), Instant.ofEpochSecond(FIRST - 1),
                Instant.ofEpochSecond(FIRST), Instant.ofEpochSecond(LAST + 86_399, 999_999_999),
                Instant.ofEpochSecond(LAST + 86_400), Instant.parse("-0500-06-01T12:00:00Z"),
                Instant.parse("+12345-06-01T12:00:00Z")));
        assertSameAsFormatter(zone, instants);
    }

    @ParameterizedTest
    @MethodSource("zones")
    void manyThreadsAtOnceGetTheSameTexts(ZoneId zone) throws Exception {
        TimeFormat shared = new TimeFormat(zone);
        DateTimeFormatter expected = PATTERN.withZone(zone);
        List<Thread> threads = new ArrayList<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        for (int n = 0; n < 4; n++) {
            Random random = new Random(n);
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    Instant at = Instant.ofEpochMilli(1_700_000_000_000L + (long) (random.nextDouble() * 4e11));
                    if (!expected.format(at).equals(shared.format(at))) {
                        wrong.add(at.toString());
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aFixedOffsetIsWrittenWithColonAndZeroAsPlusZero() {
        assertThat(new TimeFormat(ZoneOffset.UTC).format(Instant.parse("2024-05-01T09:00:00.5Z")))
                .isEqualTo("2024-05-01T09:00:00.500+00:00");
        assertThat(new TimeFormat(ZoneId.of("Asia/Kolkata")).format(Instant.parse("2024-05-01T09:00:00.007Z")))
                .isEqualTo("2024-05-01T14:30:00.007+05:30");
    }

    private static void assertSameAsFormatter(ZoneId zone, List<Instant> instants) {
        TimeFormat format = new TimeFormat(zone);
        DateTimeFormatter expected = PATTERN.withZone(zone);
        for (Instant at : instants) {
            assertThat(format.format(at)).as("%s in %s", at, zone).isEqualTo(expected.format(at));
        }
    }
}
