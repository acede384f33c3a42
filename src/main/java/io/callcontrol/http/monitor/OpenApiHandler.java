package io.callcontrol.http.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.render.ResponseWriters;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml} and {@code GET /openapi.json}: the API's OpenAPI description, bundled in the jar and
 * turned into JSON once, here. Like /health it needs no API key and is not rate limited (http.allow still applies).
 */
@ChannelHandler.Sharable
public final class OpenApiHandler extends ChannelInboundHandlerAdapter {

    static final String YAML_PATH = "/openapi.yaml";
    static final String JSON_PATH = "/openapi.json";
    private static final String RESOURCE = "/openapi.yaml";

    private final byte[] yaml;
    private final byte[] json;

    public OpenApiHandler() {
        this.yaml = bundled();
        try {
            JsonNode description = new YAMLMapper().readTree(yaml);
            this.json = JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsBytes(description);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled " + RESOURCE + " is not valid YAML", e);
        }
    }

    /** Whether the path is one this handler answers (the access check lets them through without a key). */
    public static boolean serves(String path) {
        return YAML_PATH.equals(path) || JSON_PATH.equals(path);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        String path = msg instanceof FullHttpRequest request ? new QueryStringDecoder(request.uri()).path() : null;
        if (path == null || !serves(path)) {
            ctx.fireChannelRead(msg);
            return;
        }
        FullHttpRequest request = (FullHttpRequest) msg;
        try {
            if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) {
                boolean asYaml = YAML_PATH.equals(path);
                ctx.writeAndFlush(document(asYaml ? yaml : json,
                        asYaml ? "application/yaml; charset=UTF-8" : "application/json; charset=UTF-8"));
            } else {
                ctx.writeAndFlush(HttpReplies.notAllowed(ResponseWriters.forPath(path), request.method().name(),
                        "GET, HEAD"));
            }
        } finally {
            request.release();
        }
    }

    private static FullHttpResponse document(byte[] body, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    private static byte[] bundled() {
        try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + RESOURCE, e);
        }
    }
}
