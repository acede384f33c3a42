package io.callcontrol.face.novofon;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.face.JsonRpcHandler;

/** The Novofon face's requests on {@code POST /novofon/v4.0}: the envelope read, the method run by the API. */
public final class NovofonHandler implements JsonRpcHandler.Endpoint {

    public static final String PATH = "/novofon/v4.0";

    private final NovofonApi api;

    NovofonHandler(NovofonApi api) {
        this.api = api;
    }

    @Override
    public ObjectNode invalidRequest(String detail) {
        return Replies.error(NullNode.instance, new RpcException(Fault.INVALID_REQUEST, null, detail), null);
    }

    @Override
    public JsonRpcHandler.Read read(byte[] body) {
        Envelope envelope;
        try {
            envelope = Envelope.parse(body);
        } catch (Envelope.Refused e) {
            return JsonRpcHandler.Read.answered(Replies.error(e.id, e.error, null));
        }
        return JsonRpcHandler.Read.work(() -> api.answer(envelope), () -> Replies.error(envelope.id(),
                new RpcException(Fault.INTERNAL_ERROR, null, "too many requests in progress; retry shortly"), null));
    }
}
