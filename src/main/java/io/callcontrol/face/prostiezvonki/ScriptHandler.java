package io.callcontrol.face.prostiezvonki;

import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.render.ResponseWriters;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /prostiezvonki/prostiezvonki.js}: the browser script of the Prostiezvonki JS API ({@code pz.connect()},
 * {@code pz.call()}, {@code pz.onEvent()} ...), built into the jar and read once. It holds no secret, so it is served
 * without a key, as a page's {@code <script src>} asks for it.
 */
@ChannelHandler.Sharable
final class ScriptHandler extends ChannelInboundHandlerAdapter {

    static final String PATH = ProstiezvonkiFace.PATH + "/prostiezvonki.js";

    private final byte[] script = read();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !PATH.equals(new QueryStringDecoder(request.uri()).path())) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            request.release();
            ctx.writeAndFlush(HttpReplies.notAllowed(ResponseWriters.find("json"), request.method().name(), "GET"));
            return;
        }
        request.release();
        FullHttpResponse response = HttpReplies.bytes(HttpResponseStatus.OK, "text/javascript; charset=utf-8",
                script);
        // A new daemon's script is taken at the next page load.
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        ctx.writeAndFlush(response);
    }

    private static byte[] read() {
        try (InputStream in = ScriptHandler.class.getResourceAsStream("/prostiezvonki/prostiezvonki.js")) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks prostiezvonki/prostiezvonki.js");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
