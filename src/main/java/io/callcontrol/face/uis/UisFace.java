package io.callcontrol.face.uis;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.config.UisConfig;
import io.callcontrol.dial.Dialer;
import io.callcontrol.face.JsonRpcHandler;
import io.netty.channel.ChannelHandler;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The UIS Call API face ({@code POST /uis/v1}, JSON-RPC 2.0): a thin adapter over the daemon's one dialer.
 * docs/FACES.md lists what it serves and what it refuses.
 */
public final class UisFace implements JsonRpcHandler.Endpoint {

    public static final String PATH = "/uis/v1";

    private final UisApi api;

    private UisFace(UisApi api) {
        this.api = api;
    }

    /** The face's handler, built from the HTTP server's worker pool; sessions and budgets follow {@code clock}. */
    public static Function<Executor, ChannelHandler> handler(UisConfig config, Dialer dialer, Clock clock) {
        UisFace face = new UisFace(new UisApi(config, dialer, clock));
        return workers -> new JsonRpcHandler(PATH, face, workers);
    }

    @Override
    public ObjectNode invalidRequest(String detail) {
        return Replies.error(NullNode.instance, new UisException(UisError.INVALID_REQUEST, detail));
    }

    @Override
    public JsonRpcHandler.Read read(byte[] body) {
        Envelope envelope;
        try {
            envelope = Envelope.parse(body);
        } catch (Envelope.Refused e) {
            return JsonRpcHandler.Read.answered(Replies.error(e.id, e.error));
        }
        return JsonRpcHandler.Read.work(() -> api.answer(envelope), () -> Replies.error(envelope.id(),
                new UisException(UisError.INTERNAL, "too many requests in progress; retry shortly")));
    }
}
