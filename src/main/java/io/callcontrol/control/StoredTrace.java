package io.callcontrol.control;

import io.callcontrol.storage.CallActions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The trace in the store: written through its one writer, waited for (bounded) so the answer can name its row. */
public final class StoredTrace implements ActionTrace {

    private static final Logger log = LoggerFactory.getLogger(StoredTrace.class);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final CallActions actions;

    public StoredTrace(CallActions actions) {
        this.actions = actions;
    }

    @Override
    public long accepted(long callId, String action, Party party, String channel, String detail) {
        try {
            return actions.append(callId, action, party.apiName(), channel, detail)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS).id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.error("call {}: {} on {} was done by Asterisk but not recorded: {}", callId, action, channel,
                    e instanceof ExecutionException ? e.getCause().getMessage() : "the store did not answer in time");
        }
        return 0;
    }

    @Override
    public List<CallAction> ofCall(long callId) {
        return actions.ofCall(callId);
    }
}
