package io.callcontrol.face.callkeeper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.config.CallkeeperConfig;
import io.callcontrol.config.HttpConfig;
import io.callcontrol.face.FaceAnswers;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
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

/** The face's handlers on an EmbeddedChannel (methods run on the calling thread), and a client of them. */
final class CallkeeperChannel {

    /** The keys of the contract's examples, configured. */
    static final String APIAK = "7da81d94b61fb43ee6431126b5c79f23";
    static final String API_KEY = "8abee9a093a4c8344ccfd761e1aba739";

    final EmbeddedChannel channel;

    CallkeeperChannel(FakeSchedules schedules, Clock clock) {
        CallkeeperConfig config = new CallkeeperConfig(List.of(new HttpConfig.ApiKey("crm", APIAK),
                new HttpConfig.ApiKey("stats", API_KEY)), List.of("1000", "1001"),
                Map.of("89165240212", "1001", "79999999999", "1002"));
        channel = new EmbeddedChannel(CallkeeperFace.handlers(config, schedules, clock).values().stream()
                .map(face -> face.apply(Runnable::run)).toArray(ChannelHandler[]::new));
    }

    /** GETs {@code pathAndQuery} under /callkeeper/; the JSON answer, checked for its HTTP status. */
    JsonNode get(String pathAndQuery, int status) throws Exception {
        return send(HttpMethod.GET, pathAndQuery, null, null, status);
    }

    JsonNode send(HttpMethod method, String pathAndQuery, String body, String contentType, int status)
            throws Exception {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method,
                CallkeeperFace.PREFIX + pathAndQuery,
                Unpooled.copiedBuffer(body == null ? "" : body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
        channel.writeInbound(request);
        return FaceAnswers.read(channel, status);
    }

    /** Asserts the contract's fail answer with this reason. */
    static JsonNode fail(JsonNode answer, String reason) {
        assertThat(answer.get("status").asText()).as(answer.toString()).isEqualTo("fail");
        assertThat(answer.get("reason").asText()).as(answer.toString()).isEqualTo(reason);
        return answer;
    }
}
