package io.callcontrol.face.novofon;

import static io.callcontrol.face.novofon.FaceChannel.KEY;
import static io.callcontrol.face.novofon.FaceChannel.PASSWORD;
import static io.callcontrol.face.novofon.FaceChannel.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.face.FakeCore;
import io.callcontrol.http.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** metadata.limits on every answer, and limit_exceeded once a caller's minute or day budget is spent. */
class NovofonLimitsTest {

    private static final String LIST = "{\"access_token\":\"" + KEY + "\"}";

    private final FakeCore core = new FakeCore();
    // 09:30:15 UTC: 45 s left of the minute, 14 h 29 min 45 s of the day
    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T09:30:15Z"));

    @Test
    void everyAnswerCarriesTheCallersBudgetsAndWhenTheyStartOver() throws Exception {
        FaceChannel face = new FaceChannel(core, clock, 3, 100, Runnable::run);
        try {
            JsonNode limits = face.call("list.calls", LIST).at("/result/metadata/limits");

            assertThat(limits.get("minute_limit").asInt()).isEqualTo(3);
            assertThat(limits.get("minute_remaining").asInt()).isEqualTo(2);
            assertThat(limits.get("minute_reset").asInt()).isEqualTo(45);
            assertThat(limits.get("day_limit").asInt()).isEqualTo(100);
            assertThat(limits.get("day_remaining").asInt()).isEqualTo(99);
            assertThat(limits.get("day_reset").asInt()).isEqualTo(14 * 3600 + 29 * 60 + 45);
            // an error answer of a known caller carries them too
            JsonNode refused = face.call("release.call", "{\"access_token\":\"" + KEY + "\",\"call_session_id\":1}");
            assertThat(error(refused, -32602, "call_session_not_found").at("/metadata/limits/minute_remaining")
                    .asInt()).isEqualTo(1);
        } finally {
            assertThat(face.channel.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void aSpentMinuteIsLimitExceededUntilTheNextMinute() throws Exception {
        FaceChannel face = new FaceChannel(core, clock, 2, 0, Runnable::run);
        try {
            face.call("list.calls", LIST);
            face.call("list.calls", LIST);

            JsonNode spent = face.call("start.employee_call", "{\"access_token\":\"" + KEY + "\",\"first_call\":"
                    + "\"employee\",\"contact\":\"380639920000\",\"employee\":{\"id\":1000}}");

            JsonNode data = error(spent, -32029, "limit_exceeded");
            assertThat(spent.at("/error/message").asText())
                    .isEqualTo("Limit per minute has been exceeded. Value of current limit per minute is 2");
            assertThat(data.at("/metadata/limits/minute_remaining").asInt()).isZero();
            assertThat(data.at("/metadata/limits/day_limit").isNull()).as("an unlimited day is null").isTrue();
            assertThat(core.placed).as("a refused request places nothing").isEmpty();
            clock.advance(Duration.ofSeconds(45));
            assertThat(face.call("list.calls", LIST).has("result")).isTrue();
        } finally {
            assertThat(face.channel.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void aSpentDayIsLimitExceededPerDay() throws Exception {
        FaceChannel face = new FaceChannel(core, clock, 0, 1, Runnable::run);
        try {
            face.call("list.calls", LIST);

            JsonNode spent = face.call("list.calls", LIST);

            error(spent, -32029, "limit_exceeded");
            assertThat(spent.at("/error/message").asText())
                    .isEqualTo("Limit per day has been exceeded. Value of current limit per day is 1");
        } finally {
            assertThat(face.channel.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void eachKeyAndEachUserHasItsOwnBudgetAndAUsersSessionsShareOne() throws Exception {
        FaceChannel face = new FaceChannel(core, clock, 2, 0, Runnable::run);
        try {
            String login = "{\"login\":\"admin\",\"password\":\"" + PASSWORD + "\"}";
            String first = face.call("login.user", login).at("/result/data/access_token").asText();
            String second = face.call("login.user", login).at("/result/data/access_token").asText();

            JsonNode spent = face.call("list.calls", "{\"access_token\":\"" + first + "\"}");
            JsonNode key = face.call("list.calls", LIST);

            error(spent, -32029, "limit_exceeded");
            assertThat(second).isNotEqualTo(first);
            assertThat(key.at("/result/metadata/limits/minute_remaining").asInt()).isEqualTo(1);
        } finally {
            assertThat(face.channel.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void anUnknownCallerIsChargedNothingAndShownNoLimits() throws Exception {
        FaceChannel face = new FaceChannel(core, clock, 1, 0, Runnable::run);
        try {
            JsonNode wrong = face.call("list.calls", "{\"access_token\":\"wrong-token-0123456789\"}");
            JsonNode key = face.call("list.calls", LIST);

            assertThat(error(wrong, -32001, "access_token_invalid").at("/metadata/limits").size()).isZero();
            assertThat(key.has("result")).as(key.toString()).isTrue();
        } finally {
            assertThat(face.channel.finishAndReleaseAll()).isFalse();
        }
    }
}
