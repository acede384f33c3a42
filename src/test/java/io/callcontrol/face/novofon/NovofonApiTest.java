package io.callcontrol.face.novofon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.config.HttpConfig;
import io.callcontrol.config.NovofonConfig;
import io.callcontrol.face.FakeCore;
import io.callcontrol.face.Sessions;
import io.callcontrol.http.TestClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NovofonApi without the channel: what a refused request leaves behind. */
class NovofonApiTest {

    @Test
    void aLoginRefusedForItsSpentBudgetOpensNoSession() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-12-07T09:30:00Z"));
        NovofonConfig config = new NovofonConfig(List.of(),
                List.of(new HttpConfig.ApiKey("admin", FaceChannel.PASSWORD)), 1, 0);
        Sessions sessions = new Sessions(clock, Credentials.TOKEN_BYTES);
        FakeCore core = new FakeCore();
        NovofonApi api = new NovofonApi(new Credentials(config, sessions), new Budgets(1, 0, clock), core, core,
                core.control);
        Envelope login = Envelope.parse(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"login.user\",\"params\":"
                + "{\"login\":\"admin\",\"password\":\"" + FaceChannel.PASSWORD + "\"}}").getBytes());

        JsonNode first = api.answer(login);
        JsonNode refused = api.answer(login);

        assertThat(first.at("/result/data/access_token").asText()).isNotEmpty();
        assertThat(refused.at("/error/data/mnemonic").asText()).isEqualTo("limit_exceeded");
        assertThat(sessions.held()).isEqualTo(1);
    }
}
