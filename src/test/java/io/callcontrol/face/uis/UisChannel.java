package io.callcontrol.face.uis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.config.HttpConfig;
import io.callcontrol.config.UisConfig;
import io.callcontrol.face.FaceAnswers;
import io.callcontrol.face.FakeCore;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The UIS face's handler on an EmbeddedChannel (methods run on the calling thread), and a client posting to it. */
final class UisChannel {

    static final String LOGIN = "bbb";
    static final String PASSWORD = "uis-password-0123456";
    /** The office number of the contract's examples, answered by operator 1000. */
    static final String OFFICE = "79164572521";

    final EmbeddedChannel channel;

    UisChannel(FakeCore core, Clock clock, int perMinute) {
        UisConfig config = new UisConfig(List.of(new HttpConfig.ApiKey(LOGIN, PASSWORD)), Map.of(OFFICE, "1000"),
                perMinute, 0);
        channel = new EmbeddedChannel(UisFace.handler(config, core, clock).apply(Runnable::run));
    }

    /** Posts {@code body} as JSON; the answer, which must be HTTP 200 JSON. */
    JsonNode post(String body) throws Exception {
        channel.writeInbound(request(HttpMethod.POST, body));
        return answer(200);
    }

    JsonNode answer(int status) throws Exception {
        return FaceAnswers.read(channel, status);
    }

    /** A request of {@code method} with these params (a JSON object's text) and id 55. */
    JsonNode call(String method, String params) throws Exception {
        return post("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"id\":55,\"params\":" + params + "}");
    }

    /** A live session key of the configured login. */
    String sessionKey() throws Exception {
        return call("authenticate", "{\"login\":\"" + LOGIN + "\",\"password\":\"" + PASSWORD + "\"}")
                .at("/result/session_key").asText();
    }

    static FullHttpRequest request(HttpMethod method, String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, UisFace.PATH,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
        return request;
    }

    /** Asserts the answer is the contract's error, with the code and message of its table; the detail. */
    static String error(JsonNode answer, int code, String message) {
        assertThat(answer.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(answer.has("result")).as(answer.toString()).isFalse();
        assertThat(answer.at("/error/code").asInt()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.at("/error/message").asText()).as(answer.toString()).isEqualTo(message);
        assertThat(answer.at("/error/details").asText()).isEqualTo(answer.at("/error/data").asText());
        return answer.at("/error/data").asText();
    }
}
