package io.callcontrol.face.novofon;

import io.callcontrol.config.NovofonConfig;
import io.callcontrol.control.CallControl;
import io.callcontrol.face.JsonRpcHandler;
import io.callcontrol.face.Sessions;
import io.callcontrol.dial.Dialer;
import io.callcontrol.storage.History;
import io.netty.channel.ChannelHandler;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The Novofon Call API face ({@code POST /novofon/v4.0}, JSON-RPC 2.0): a thin adapter over the daemon's dialer,
 * history and call control. docs/FACES.md lists what it serves and what it refuses.
 */
public final class NovofonFace {

    private NovofonFace() {
    }

    /** The face's handler, built from the HTTP server's worker pool; sessions and budgets follow {@code clock}. */
    public static Function<Executor, ChannelHandler> handler(NovofonConfig config, Dialer dialer, History history,
            CallControl control, Clock clock) {
        Credentials credentials = new Credentials(config, new Sessions(clock, Credentials.TOKEN_BYTES));
        Budgets budgets = new Budgets(config.ratePerMinute(), config.ratePerDay(), clock);
        NovofonApi api = new NovofonApi(credentials, budgets, dialer, history, control);
        NovofonHandler endpoint = new NovofonHandler(api);
        return workers -> new JsonRpcHandler(NovofonHandler.PATH, endpoint, workers);
    }
}
