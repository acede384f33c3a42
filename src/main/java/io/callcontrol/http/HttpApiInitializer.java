package io.callcontrol.http;

import io.callcontrol.config.HttpConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Builds one connection's pipeline; the handlers do the work. */
public final class HttpApiInitializer extends ChannelInitializer<Channel> {

    static final int IDLE_SECONDS = 60;

    private final HttpConfig http;
    private final IdleConnectionCloser idleCloser = new IdleConnectionCloser();
    private final MalformedRequestHandler malformed = new MalformedRequestHandler();
    private final RecordingHandler recordings;
    private final ApiHandler api;
    private final NotFoundHandler notFound = new NotFoundHandler();

    HttpApiInitializer(HttpConfig http, ApiRoutes routes, RecordingFiles files, Executor workers) {
        this.http = http;
        this.recordings = new RecordingHandler(files, workers);
        this.api = new ApiHandler(routes, workers, http);
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        // observeOutput: a long recording download is activity, not idleness.
        pipeline.addLast("idle", new IdleStateHandler(true, 0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
        pipeline.addLast("idleCloser", idleCloser);
        pipeline.addLast("codec", new HttpServerCodec());
        pipeline.addLast("keepAlive", new HttpServerKeepAliveHandler());
        pipeline.addLast("aggregator", new BodyLimitAggregator(http.maxRequestBytes()));
        pipeline.addLast("sequencer", new RequestSequencer());
        pipeline.addLast("malformed", malformed);
        pipeline.addLast("recordings", recordings);
        pipeline.addLast("api", api);
        pipeline.addLast("notFound", notFound);
    }
}
