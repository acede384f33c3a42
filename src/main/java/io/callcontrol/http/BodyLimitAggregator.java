package io.callcontrol.http;

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
final class BodyLimitAggregator extends HttpObjectAggregator {

    private final int maxBytes;

    BodyLimitAggregator(int maxBytes) {
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

    /** An {@code Expect: 100-continue} request that is too large gets the same body, before it sends any. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse full && start instanceof HttpRequest request
                && HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.equals(full.status())) {
            full.release();
            return tooLarge(request);
        }
        return response;
    }

    private FullHttpResponse tooLarge(HttpRequest request) {
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            path = "";
        }
        return HttpReplies.error(ResponseWriters.forPath(path), ApiException.of(ErrorCode.REQUEST_TOO_LARGE,
                "request body: larger than " + maxBytes + " bytes (http.max.request.bytes)"));
    }
}
