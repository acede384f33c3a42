package io.callcontrol.face.prostiezvonki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.call.CallRecord;
import io.callcontrol.face.JsonHttp;
import io.callcontrol.http.feed.FeedSubscriberHandler;
import io.callcontrol.http.recordings.RecordingFiles;
import io.callcontrol.push.EventKind;
import io.callcontrol.push.FeedFilter;
import io.callcontrol.push.LoggedEvent;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operator's Prostiezvonki connection: the first frame must be {@code connect} with a {@code user_phone} and
 * {@code client_id} of prostiezvonki.users (else close 4008); then the operator's events are read from the event
 * feed (the feed's per-operator filter, from now on) and sent in the Prostiezvonki shape, and its commands go to
 * {@link Commands}. A finished call that records waits for its recording's link, at most {@link #RECORDING_WAIT}.
 */
final class PzSession extends FeedSubscriberHandler {

    /** The recording keeper looks for a file for a minute; past that the call has no recording. */
    static final Duration RECORDING_WAIT = Duration.ofSeconds(70);
    /** The call statuses and recordings. */
    private static final int KINDS = EventKind.ALL & ~EventKind.PRESENCE.bit();
    private static final Logger log = LoggerFactory.getLogger(PzSession.class);

    private final ProstiezvonkiFace face;
    private final String baseUrl;
    private volatile String operator;
    /** Finished calls waiting for their recording, by call id. */
    private final Map<Long, Finished> awaitingRecording = new ConcurrentHashMap<>();

    /** A call's terminal status and when the call began. */
    private record Finished(LoggedEvent.Status status, Instant start) {
        ObjectNode event(String record) {
            return PzEvent.history(status, start, record);
        }
    }

    PzSession(ProstiezvonkiFace face, String baseUrl) {
        this.face = face;
        this.baseUrl = baseUrl;
    }

    /** A client that answers pings but never says who it is would otherwise hold its connection for ever. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.executor().schedule(() -> {
                if (operator == null) {
                    close(ProstiezvonkiFace.AUTH_FAILED, "no connect within http.idle.timeout");
                }
            }, face.connectWithin().toMillis(), TimeUnit.MILLISECONDS);
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (frame instanceof TextWebSocketFrame text) {
                received(text.text());
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JsonHttp.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            message = null;
        }
        String command = message != null && message.path("command").isTextual()
                ? message.get("command").asText() : null;
        if (operator == null) {
            connect(command, message);
            return;
        }
        if (command == null) {
            send(Commands.error(null, "a message is a JSON object with a \"command\": call, transfer or sms"));
            return;
        }
        face.commands().run(operator, command, message, this::send);
    }

    private void connect(String command, JsonNode message) {
        if (!"connect".equals(command)) {
            close(ProstiezvonkiFace.AUTH_FAILED, "the first message must be {\"command\":\"connect\",\"user_phone\":"
                    + "...,\"client_id\":...}");
            return;
        }
        String sip = message.path("user_phone").asText(null);
        if (!face.admits(sip, message.path("client_id").asText(null))) {
            close(ProstiezvonkiFace.AUTH_FAILED, "wrong user_phone or client_id");
            return;
        }
        operator = sip;
        face.connected(sip, ctx.channel());
        try {
            face.workers().execute(() -> follow(sip));
        } catch (RejectedExecutionException e) {
            close(WebSocketCloseStatus.TRY_AGAIN_LATER.code(), "too many requests in progress; connect again shortly");
        }
    }

    /**
     * Follows the operator's events from the newest one stored (JDBC: on a worker), then says so: a call the
     * operator places once told {@code connected} is seen from its first status on.
     */
    private void follow(String sip) {
        long newest;
        try {
            newest = face.feed().newestId();
        } catch (RuntimeException e) {
            log.warn("Prostiezvonki face: cannot follow operator {}: the store did not answer: {}", sip,
                    e.getMessage());
            close(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), "the store is unavailable; connect again");
            return;
        }
        follow(face.feed().subscribe(this, newest, new FeedFilter(KINDS, Set.of(sip))));
        send(Commands.message("connected").put("user_phone", sip));
    }

    private void close(int code, String reason) {
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    /** The subscription ends, and the face forgets this connection of its operator. */
    @Override
    protected void stop() {
        super.stop();
        if (operator != null) {
            face.disconnected(operator, ctx.channel());
        }
    }

    /** On a feed thread: the operator's statuses and recordings, in id order. */
    @Override
    public void send(List<LoggedEvent> events) {
        for (LoggedEvent event : events) {
            if (event instanceof LoggedEvent.Status status) {
                status(status);
            } else if (event instanceof LoggedEvent.RecordingReady ready) {
                Finished finished = awaitingRecording.remove(ready.recording().callId());
                if (finished != null) {
                    sendEvent(finished.event(baseUrl + RecordingFiles.urlPath(ready.recording())));
                }
            }
        }
    }

    private void status(LoggedEvent.Status status) {
        int type = PzEvent.typeOf(status.event().status(), status.event().direction());
        if (type == 0) {
            return;
        }
        if (type != PzEvent.HISTORY) {
            sendEvent(PzEvent.of(type, status));
            return;
        }
        // JDBC, on the feed's thread: the timer below runs on the connection's event loop, which never blocks.
        Finished finished = new Finished(status, face.history().call(status.event().callId())
                .map(CallRecord::createdAt).orElse(status.event().at()));
        if (!PzEvent.awaitsRecording(status)) {
            sendEvent(finished.event(null));
            return;
        }
        long callId = status.event().callId();
        awaitingRecording.put(callId, finished);
        ctx.executor().schedule(() -> {
            Finished unrecorded = awaitingRecording.remove(callId);
            if (unrecorded != null) {
                sendEvent(unrecorded.event(null));
            }
        }, RECORDING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendEvent(ObjectNode event) {
        send(Commands.message("event").set("event", event));
    }

    private void send(ObjectNode message) {
        byte[] bytes;
        try {
            bytes = JsonHttp.JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always encodes", e);
        }
        ctx.writeAndFlush(new TextWebSocketFrame(new String(bytes, StandardCharsets.UTF_8)));
    }
}
