package io.callcontrol.face.callkeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallStatus;
import io.callcontrol.http.TestClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mappings of the face: status pairs, opening hours, utc, and what one call the store refused leaves. */
class CallkeeperMappingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "FINISH, 200/200", "OPERATOR_NOANSWER, 487/0", "OPERATOR_BUSY, 486/0", "OPERATOR_OFFLINE, 480/0",
        "CLIENT_NOANSWER, 200/487", "CLIENT_BUSY, 200/486", "CLIENT_CANCEL, 200/1", "ERROR, 704/0",
        "CALL, 1/0", "OPERATOR_CALLTO, 1/0", "OPERATOR_PICKUP, 1/0", "CLIENT_CALLTO, 1/0", "CLIENT_PICKUP, 1/0"})
    void eachOfOurStatusesHasItsPair(CallStatus status, String pair) {
        assertThat(StatusPair.of(status).text()).isEqualTo(pair);
    }

    @Test
    void theFiftySixDigitsAreSevenWindowsWithTheClosedDayAsTheScheduleWritesIt() throws Exception {
        assertThat(Orders.hours("09001800100018000900200009001800090018000900180000000000"))
                .isEqualTo("09001800,10001800,09002000,09001800,09001800,09001800,0");
        assertThat(Orders.hours("09001800")).isEqualTo("09001800");
        assertThatThrownBy(() -> Orders.hours("0900180")).isInstanceOf(Fail.class)
                .hasMessageStartingWith("opening_hours: must be 8 digits");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Europe/Moscow, Europe/Moscow", "europe/moscow, Europe/Moscow", "UTC+03:00, Etc/GMT-3",
        "'UTC 03:00', Etc/GMT-3", "+0300, Etc/GMT-3", "UTC-05:00, Etc/GMT+5", "UTC+00:00, UTC"})
    void utcInBothForms(String utc, String zone) throws Exception {
        assertThat(Zones.iana(utc)).isEqualTo(zone);
    }

    @Test
    void anOffsetOfNotWholeHoursIsRefused() {
        assertThatThrownBy(() -> Zones.iana("UTC+05:30")).isInstanceOf(Fail.class)
                .hasMessageStartingWith("utc: only offsets of whole hours");
    }

    @Test
    void aCallTheStoreRefusesIsAnsweredFailedAndTheOthersStand() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-12-07T09:30:00Z"));
        FakeSchedules schedules = new FakeSchedules(clock);
        schedules.refuseNth = 2;
        CallkeeperChannel face = new CallkeeperChannel(schedules, clock);

        JsonNode answer = face.get("makeCalls?unique=t&apiak=" + CallkeeperChannel.APIAK + "&whash=x"
                + "&calls[0][client]=79999999991&calls[1][client]=79999999992&calls[2][client]=79999999993", 200);

        assertThat(answer.get(0).get("status").asText()).isEqualTo("success");
        assertThat(answer.get(1).get("status").asText()).isEqualTo("fail");
        assertThat(answer.get(1).get("id").isNull()).isTrue();
        assertThat(answer.get(2).get("status").asText()).isEqualTo("success");
        assertThat(schedules.records).hasSize(2);
        assertThat(face.channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aBadIntervalOfOneCallStoresNone() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-12-07T09:30:00Z"));
        FakeSchedules schedules = new FakeSchedules(clock);
        CallkeeperChannel face = new CallkeeperChannel(schedules, clock);

        JsonNode answer = face.get("makeCalls?unique=t&apiak=" + CallkeeperChannel.APIAK + "&whash=x"
                + "&calls[0][client]=79999999991&calls[1][client]=79999999992&calls[1][interval]=5,x", 406);

        assertThat(answer.get("reason").asText()).isEqualTo("Wrong data type!");
        assertThat(answer.get("detail").asText()).startsWith("interval:");
        assertThat(schedules.asked).isEmpty();
        assertThat(face.channel.finishAndReleaseAll()).isFalse();
    }
}
