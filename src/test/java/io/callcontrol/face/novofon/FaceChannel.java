package io.callcontrol.face.novofon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callcontrol.config.HttpConfig;
import io.callcontrol.config.NovofonConfig;
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
import java.util.concurrent.Executor;

/** The face's handler on an EmbeddedChannel, and a client that posts JSON-RPC bodies to it. */
final class FaceChannel {

    static final String KEY = "crmkey0123456789abcdef";
    static final String PASSWORD = "admin-password-0123";
    static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddedChannel channel;

    FaceChannel(FakeCore core, Clock clock, int perMinute, int perDay, Executor workers) {
        NovofonConfig config = new NovofonConfig(List.of(new HttpConfig.ApiKey("crm", KEY)),
                List.of(new HttpConfig.ApiKey("admin", PASSWORD)), perMinute, perDay);
        channel = new EmbeddedChannel(NovofonFace.handler(config, core, core, core.control, clock).apply(workers));
    }

    /** Posts {@code body} as the contract's Content-Type; the answer, which must be HTTP 200 JSON. */
    JsonNode post(String body) throws Exception {
        channel.writeInbound(request(HttpMethod.POST, NovofonHandler.PATH, body, "application/json; charset=UTF-8"));
        return answer(200);
    }

    /** The JSON body of the answer written, checked for its HTTP status and Content-Type. */
    JsonNode answer(int status) throws Exception {
        return FaceAnswers.read(channel, status);
    }

    /** A request of the method with these params (a JSON object's text) and id 1. */
    JsonNode call(String method, String params) throws Exception {
        return post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}");
    }

    static FullHttpRequest request(HttpMethod method, String uri, String body, String contentType) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
        return request;
    }

    /** Asserts the answer is the contract's error and returns its data. */
    static JsonNode error(JsonNode answer, int code, String mnemonic) {
        assertThat(answer.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(answer.has("result")).as(answer.toString()).isFalse();
        assertThat(answer.at("/error/code").asInt()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.at("/error/data/mnemonic").asText()).as(answer.toString()).isEqualTo(mnemonic);
        assertThat(answer.at("/error/data/metadata/limits").isObject()).as(answer.toString()).isTrue();
        return answer.at("/error/data");
    }
}
