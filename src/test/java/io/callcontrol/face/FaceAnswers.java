package io.callcontrol.face;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;

/** What a face wrote on an EmbeddedChannel: its JSON answer, checked for the HTTP status and the faces' type. */
public final class FaceAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FaceAnswers() {
    }

    public static JsonNode read(EmbeddedChannel channel, int status) throws Exception {
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).as("an answer").isNotNull();
        try {
            String text = response.content().toString(StandardCharsets.UTF_8);
            assertThat(response.status().code()).as(text).isEqualTo(status);
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json; charset=UTF-8");
            return JSON.readTree(text);
        } finally {
            response.release();
        }
    }
}
