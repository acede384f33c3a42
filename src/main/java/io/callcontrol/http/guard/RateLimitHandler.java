package io.callcontrol.http.guard;

import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.http.HttpReplies;
import io.callcontrol.http.access.AccessHandler;
import io.callcontrol.http.api.ApiParams;
import io.callcontrol.http.render.ResponseWriters;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Charges each admitted request to its caller's budgets (429 {@code rate_limited} with Retry-After once one is
 * spent) and puts the budgets left on the answer. One per connection: it remembers the budgets until the
 * answer's head passes on its way out, which the RequestSequencer makes the answer to this very request.
 */
public final class RateLimitHandler extends ChannelDuplexHandler {

    static final String LIMIT_MINUTE = "X-RateLimit-Limit-Minute";
    static final String REMAINING_MINUTE = "X-RateLimit-Remaining-Minute";
    static final String LIMIT_DAY = "X-RateLimit-Limit-Day";
    static final String REMAINING_DAY = "X-RateLimit-Remaining-Day";

    private final RateLimiter limiter;
    private RateLimiter.Decision answering;

    public RateLimitHandler(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String named = ctx.channel().attr(AccessHandler.CALLER).get();
        String caller = named == null ? "an unnamed caller" : named;
        RateLimiter.Decision decision = limiter.take(caller);
        if (decision.allowed()) {
            answering = decision;
            ctx.fireChannelRead(request);
            return;
        }
        String path = ApiParams.decodeUri(request.uri()).path();
        request.release();
        RateLimiter.Budget spent = decision.spent();
        FullHttpResponse response = HttpReplies.error(ResponseWriters.forPath(path), ApiException.of(
                ErrorCode.RATE_LIMITED, "rate limit: " + caller + " has spent its " + spent.adjective + " budget of "
                        + decision.spentLimit() + " requests (" + spent.key + "); retry in "
                        + decision.retryAfterSeconds() + " s"));
        budgets(response.headers(), decision);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, decision.retryAfterSeconds());
        ctx.writeAndFlush(response);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && answering != null) {
            budgets(response.headers(), answering);
            answering = null;
        }
        ctx.write(msg, promise);
    }

    /** The limit and what is left of each limited budget; an unlimited budget has no headers. */
    private static void budgets(HttpHeaders headers, RateLimiter.Decision decision) {
        if (decision.minuteLimit() > 0) {
            headers.set(LIMIT_MINUTE, decision.minuteLimit()).set(REMAINING_MINUTE, decision.minuteRemaining());
        }
        if (decision.dayLimit() > 0) {
            headers.set(LIMIT_DAY, decision.dayLimit()).set(REMAINING_DAY, decision.dayRemaining());
        }
    }
}
