package io.callcontrol.http.guard;

import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.render.ResponseWriters;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Netty's aggregator, answering an oversized request with the API's 413 error body instead of an empty one.
 * When to close follows Netty: only when the body already started arriving or the client asked for no keep-alive.
 */
public final class BodyLimitAggregator extends HttpObjectAggregator {

    private final int maxBytes;

    public BodyLimitAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest request)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        boolean close = oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        FullHttpResponse response = tooLarge(request);
        if (close) {
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    /**
     * An {@code Expect: 100-continue} request that is too large gets the same body, before it sends any; an
     * expectation we cannot meet gets an error body too, instead of Netty's empty 417.
     */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse full && start instanceof HttpRequest request) {
            if (HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.equals(full.status())) {
                full.release();
                return tooLarge(request);
            }
            if (HttpResponseStatus.EXPECTATION_FAILED.equals(full.status())) {
                full.release();
                return error(request, ApiException.of(ErrorCode.EXPECTATION_FAILED,
                        "Expect: only 100-continue is supported"));
            }
        }
        return response;
    }

    private FullHttpResponse tooLarge(HttpRequest request) {
        return error(request, ApiException.of(ErrorCode.REQUEST_TOO_LARGE,
                "request body: larger than " + maxBytes + " bytes (http.max.request.bytes)"));
    }

    /** In the encoding the path asks for: this runs before the path is known to be well-formed. */
    private static FullHttpResponse error(HttpRequest request, ApiException e) {
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException malformed) {
            path = "";
        }
        return HttpReplies.error(ResponseWriters.forPath(path), e);
    }
}
