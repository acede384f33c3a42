package io.callcontrol.face.callkeeper;

import static io.callcontrol.face.callkeeper.CallkeeperChannel.APIAK;
import static io.callcontrol.face.callkeeper.CallkeeperChannel.API_KEY;
import static io.callcontrol.face.callkeeper.CallkeeperChannel.fail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.http.TestClock;
import io.callcontrol.schedule.ScheduleRecord;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CallKeeper REST API's own printed examples, sent as printed (PHP's http_build_query encodes the brackets),
 * with the keys of the examples configured, and the answers in the contract's formats.
 */
class CallkeeperContractTest {

    private final TestClock clock = new TestClock(Instant.parse("2017-05-15T09:30:00Z"));
    private final FakeSchedules schedules = new FakeSchedules(clock);
    private final CallkeeperChannel face = new CallkeeperChannel(schedules, clock);

    @AfterEach
    void noLeaks() {
        assertThat(face.channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theMakeCallsExampleOfTheMethodListOrdersOneCallThroughTheScheduler() throws Exception {
        JsonNode answer = face.get("makeCalls?unique=test&apiak=" + APIAK + "&walias=20879112&calls[0][site]=test.ru"
                + "&calls[0][client]=79854808271&calls[0][manager]=89165240212", 200);

        assertThat(answer.toString()).isEqualTo("[{\"id\":\"2366\",\"manager\":\"1001\",\"client\":\"79854808271\","
                + "\"status\":\"success\"}]");
        FakeSchedules.Asked asked = schedules.asked.get(0);
        assertThat(asked.call().sip()).isEqualTo("1001");
        assertThat(asked.call().phone()).isEqualTo("79854808271");
        assertThat(asked.call().first()).isEqualTo(FirstParty.OPERATOR);
        assertThat(asked.call().orderId()).isEqualTo("callkeeper");
        assertThat(asked.timeToCall()).isNull();
    }

    @Test
    void theSimpleExampleIsRefusedForItsRecordedMessageAndOrderedWithoutIt() throws Exception {
        String example = "makeCalls?unique=example_company&apiak=" + APIAK + "&whash=96d6ec6937c878c2ca1f889b9b9e865a"
                + "&utc=Europe%2FMoscow&opening_hours=09001800&notification=df%40mail.ru"
                + "&ga_client_id=1526128712.1513128077&tool_name=%D0%A4%D0%BE%D1%80%D0%BC%D0%B0&ip_client=74.44.210.123"
                + "&calls%5B0%5D%5Bclient%5D=79999999999&calls%5B0%5D%5Bmanager%5D=79999999999"
                + "&calls%5B0%5D%5Bclient_email%5D=test%40mail.ru&calls%5B0%5D%5Bcalltouch_session_id%5D=9449450"
                + "&calls%5B0%5D%5Broistat_id%5D=7492561&calls%5B0%5D%5Bcurrent_page%5D=https%3A%2F%2Fsite.ru%2Fpage"
                + "&calls%5B0%5D%5Boffice_name%5D=My+office";
        String record = "&calls%5B0%5D%5Brecord_to_manager%5D=https%3A%2F%2Fsite.ru%2Frecord%2Fvoice";

        JsonNode refused = face.get(example + record, 400);
        JsonNode ordered = face.get(example, 200);

        assertThat(fail(refused, "Not served").get("detail").asText()).startsWith("record_to_manager: not served");
        assertThat(ordered.get(0).get("status").asText()).as(ordered.toString()).isEqualTo("success");
        assertThat(ordered.get(0).get("manager").asText()).isEqualTo("1002");
        assertThat(schedules.asked).hasSize(1);
        assertThat(schedules.asked.get(0).hours()).isEqualTo("09001800");
        assertThat(schedules.asked.get(0).tz()).isEqualTo("Europe/Moscow");
    }

    @Test
    void theDelayedCallExampleGoesToOfficeZeroAtItsTime() throws Exception {
        JsonNode answer = face.get("makeCalls?unique=test&apiak=" + APIAK + "&whash=96d6ec6937c878c2ca1f889b9b9e865a"
                + "&calls%5B0%5D%5Bclient%5D=79999999999&calls%5B0%5D%5Btime_to_call%5D=1479732377", 200);

        assertThat(answer.get(0).get("manager").asText()).as(answer.toString()).isEqualTo("1000");
        assertThat(schedules.asked.get(0).timeToCall()).isEqualTo("1479732377");
    }

    @Test
    void theIvrExampleIsRefusedAndOrdersNoneOfItsThreeCalls() throws Exception {
        JsonNode answer = face.get("makeCalls?unique=32655e77c317dcbb1098c2cdae8e9b0a&apiak=" + APIAK
                + "&whash=96d6ec6937c878c2ca1f889b9b9e865a&calls%5B0%5D%5Bclient%5D=79999999999"
                + "&calls%5B0%5D%5Bmanager%5D=79999999999%5E1231&calls%5B0%5D%5Btext_to_manager%5D=test"
                + "&calls%5B1%5D%5Bclient%5D=79999999944&calls%5B1%5D%5Bmanager%5D=0"
                + "&calls%5B1%5D%5Btime_to_call%5D=1479726881&calls%5B2%5D%5Bclient%5D=79999999944"
                + "&calls%5B2%5D%5Bmanager%5D=0", 400);

        assertThat(fail(answer, "Not served").get("detail").asText()).startsWith("text_to_manager");
        assertThat(schedules.asked).isEmpty();
    }

    @Test
    void theOrderCallPostExampleWithoutItsMessagesIsOneScheduledCallWithRetriesHoursAndZone() throws Exception {
        String body = "unique=any_string&apiak=" + APIAK + "&whash=xxxxxxxxxxxxxxx&utc=europe%2Fmoscow"
                + "&opening_hours=10002000&notification=your%40email.ru&tool_name=name&interval=5%2C10%2C15"
                + "&referrer=yandex.ru&client=71234567890&manager=1&external_service_identifier=123456"
                + "&time_to_call=1522222222&site=my.site.ru&utm_source=utm_source&office_name=My+office";

        JsonNode answer = face.send(HttpMethod.POST, "orderCall", body, "application/x-www-form-urlencoded", 200);

        assertThat(answer.get(0).get("status").asText()).as(answer.toString()).isEqualTo("success");
        FakeSchedules.Asked asked = schedules.asked.get(0);
        assertThat(asked.call().sip()).isEqualTo("1001");
        assertThat(asked.call().phone()).isEqualTo("71234567890");
        assertThat(asked.interval()).isEqualTo("5,10,15");
        assertThat(asked.hours()).isEqualTo("10002000");
        assertThat(asked.tz()).isEqualTo("Europe/Moscow");
        assertThat(asked.timeToCall()).isEqualTo("1522222222");
    }

    @Test
    void theOrderCallPostOfAPhpArrayIsMultipart() throws Exception {
        String boundary = "------------------------d74496d66958873e";
        StringBuilder body = new StringBuilder();
        for (String[] field : List.of(new String[] {"unique", "any_string"}, new String[] {"apiak", APIAK},
                new String[] {"whash", "xxxxxxxxxxxxxxx"}, new String[] {"client", "71234567890"},
                new String[] {"manager", "1"})) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field[0])
                    .append("\"\r\n\r\n").append(field[1]).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");

        JsonNode answer = face.send(HttpMethod.POST, "orderCall", body.toString(),
                "multipart/form-data; boundary=" + boundary, 200);

        assertThat(answer.get(0).get("status").asText()).as(answer.toString()).isEqualTo("success");
        assertThat(schedules.asked.get(0).call().sip()).isEqualTo("1001");
    }

    @Test
    void theStatisticsExamplesAnswerTheCallsWithTheirStatusPairs() throws Exception {
        face.get("orderCall?unique=t&apiak=" + APIAK + "&whash=x&client=71234567890", 200);
        clock.set(Instant.parse("2017-06-05T10:00:00Z"));
        face.get("orderCall?unique=t&apiak=" + APIAK + "&whash=x&client=71234567891", 200);
        ScheduleRecord first = schedules.records.get(2366L);
        schedules.put(new ScheduleRecord(first.scheduleId(), first.externalKey(), first.orderId(), first.sip(),
                first.phone(), first.first(), first.timeToCall(), "", "", "", ScheduleRecord.State.DONE, 1, 1, null,
                7L, "ended", first.createdAt(), first.createdAt(), List.of(new ScheduleRecord.Attempt(1, 7,
                        "k", CallStatus.FINISH, Instant.parse("2017-05-15T09:30:01Z"),
                        Instant.parse("2017-05-15T09:31:02Z")))));

        JsonNode one = face.get("getCallInfo?api_key=" + API_KEY + "&id_call=2366", 200);
        JsonNode may = face.get("getCallsInfo?api_key=" + API_KEY + "&date[from]=2017-05-01&date[to]=2017-06-01", 200);
        JsonNode zoned = face.get("getCallsInfo?api_key=" + API_KEY + "&date[from]=2017-05-01&date[to]=2017-06-01"
                + "&time_zone=Europe/Moscow", 200);
        JsonNode all = face.get("getCallsInfo?api_key=" + API_KEY + "&date", 200);
        JsonNode completed = face.get("getCallsCompleted?api_key=" + API_KEY + "&date", 200);
        JsonNode byStatus = face.get("getCallsByStatus?api_key=" + API_KEY + "&date&statuses=2/0,200/1", 200);

        assertThat(one.get("id").asText()).isEqualTo("2366");
        assertThat(one.get("status_code").asInt()).isEqualTo(200);
        assertThat(one.get("status2_code").asInt()).isEqualTo(200);
        assertThat(one.get("status_reason").asText()).isEqualTo("Звонок прошел успешно");
        assertThat(one.get("phone1").asText()).isEqualTo("1000");
        assertThat(one.get("phone2").asText()).isEqualTo("71234567890");
        assertThat(one.get("date").asText()).isEqualTo("2017-05-15 09:30:01");
        assertThat(one.get("duration_sec").asInt()).isEqualTo(61);
        assertThat(one.get("duration_min").asInt()).isEqualTo(2);
        assertThat(one.get("call_id").asLong()).isEqualTo(7);
        assertThat(ids(may)).containsExactly("2366");
        assertThat(ids(zoned)).containsExactly("2366");
        assertThat(ids(all)).containsExactly("2367", "2366");
        assertThat(ids(completed)).containsExactly("2366");
        assertThat(ids(byStatus)).containsExactly("2367");
        assertThat(byStatus.get(0).get("status_code").asInt()).isEqualTo(2);
    }

    @Test
    void theErrorFormatsOfTheContract() throws Exception {
        fail(face.get("makeCalls?apiak=" + APIAK + "&whash=x&calls[0][client]=79999999999", 400),
                "Key 'unique' is not defined!");
        fail(face.get("makeCalls?unique=t&whash=x&calls[0][client]=79999999999", 400), "Key 'apiak' is not defined!");
        fail(face.get("makeCalls?unique=t&apiak=" + APIAK + "&calls[0][client]=79999999999", 400),
                "Key 'whash' and 'walias' are not defined!");
        fail(face.get("makeCalls?unique=t&apiak=" + APIAK + "&whash=x", 400), "Key 'calls' is not defined!");
        fail(face.get("makeCalls?unique=t&apiak=eb2cee1bc1b8d1b6e4282486af09e078&whash=x&calls[0][client]=7999999",
                403), "Not the correct key api");
        fail(face.get("orderCall?unique=t&apiak=" + APIAK + "&whash=x&client=7^12", 409),
                "Phone not provided or invalid");
        fail(face.get("orderCall?unique=t&apiak=" + APIAK + "&whash=x&client=79999999999&manager=74950000000", 409),
                "Invalid manager or client phone number");
        fail(face.get("getCallsInfo?api_key=" + API_KEY, 406), "Date is not array");
        fail(face.get("getUserInfo?&api_key=" + API_KEY, 404), "Mismatched request!");
        fail(face.send(HttpMethod.PUT, "makeCalls", "", null, 405), "Unknown request method!");
        assertThat(schedules.asked).isEmpty();
    }

    private static List<String> ids(JsonNode calls) {
        return StreamSupport.stream(calls.spliterator(), false)
                .map(call -> call.get("id").asText()).toList();
    }
}
