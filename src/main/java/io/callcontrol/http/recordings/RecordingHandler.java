package io.callcontrol.http.recordings;

import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.ResponseWriters;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves {@code GET/HEAD /recordings/<id>.<ext>} with single byte ranges, so a CRM's player can seek. The lookup
 * and the file opening run on a worker; the bytes go out zero-copy as a {@link DefaultFileRegion}.
 */
@ChannelHandler.Sharable
public final class RecordingHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String ALLOWED = "GET, HEAD";

    private final RecordingFiles files;
    private final Executor workers;

    public RecordingHandler(RecordingFiles files, Executor workers) {
        this.files = files;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        if (!path.startsWith(RecordingFiles.PREFIX)) {
            ctx.fireChannelRead(request.retain());
            return;
        }
        ResponseWriter writer = ResponseWriters.forPath(path);
        boolean head = HttpMethod.HEAD.equals(request.method());
        if (!head && !HttpMethod.GET.equals(request.method())) {
            ctx.writeAndFlush(HttpReplies.notAllowed(writer, request.method().name(), ALLOWED));
            return;
        }
        String name = path.substring(RecordingFiles.PREFIX.length());
        String range = request.headers().get(HttpHeaderNames.RANGE);
        try {
            workers.execute(() -> serve(ctx, writer, name, range, head));
        } catch (RejectedExecutionException e) {
            ctx.writeAndFlush(HttpReplies.error(writer, ApiException.overloaded()));
        }
    }

    /** Runs on a worker. */
    private void serve(ChannelHandlerContext ctx, ResponseWriter writer, String name, String range, boolean head) {
        try {
            Optional<Path> file = files.find(name);
            if (file.isEmpty()) {
                // One answer for "no such row", "no such file" and "outside the folder": paths stay private.
                ctx.writeAndFlush(HttpReplies.error(writer,
                        ApiException.of(ErrorCode.NOT_FOUND, "there is no such recording")));
                return;
            }
            if (head) {
                send(ctx, file.get(), null, ByteRange.of(range, Files.size(file.get())));
            } else {
                sendBody(ctx, file.get(), range);
            }
        } catch (IOException | RuntimeException e) {
            ctx.writeAndFlush(HttpReplies.error(writer, ApiException.unexpected(e)));
        }
    }

    private static void sendBody(ChannelHandlerContext ctx, Path file, String rangeHeader) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            send(ctx, file, channel, ByteRange.of(rangeHeader, channel.size()));
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Writes the head and, when {@code channel} is given, the range's bytes; the file region closes the channel. */
    private static void send(ChannelHandlerContext ctx, Path file, FileChannel channel, ByteRange range)
            throws IOException {
        if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
            if (channel != null) {
                channel.close();
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
            headers(response.headers(), file, range, 0);
            ctx.writeAndFlush(response);
            return;
        }
        boolean partial = range.kind() == ByteRange.Kind.PARTIAL;
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                partial ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK);
        headers(response.headers(), file, range, range.length());
        ctx.write(response);
        if (channel != null && range.length() > 0) {
            ctx.write(new DefaultFileRegion(channel, range.start(), range.length()));
        } else if (channel != null) {
            channel.close();
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private static void headers(HttpHeaders headers, Path file, ByteRange range, long length) {
        headers.set(HttpHeaderNames.CONTENT_TYPE, RecordingFiles.contentType(file))
                .set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES)
                .set(HttpHeaderNames.CONTENT_LENGTH, length);
        if (range.kind() != ByteRange.Kind.WHOLE) {
            headers.set(HttpHeaderNames.CONTENT_RANGE, range.contentRange());
        }
    }
}
