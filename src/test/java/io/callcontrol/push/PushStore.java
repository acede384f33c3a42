package io.callcontrol.push;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusChange;
import io.callcontrol.config.Config;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Database;
import io.callcontrol.storage.EventLog;
import io.callcontrol.storage.WebhookCursors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A real SQLite store wired as the daemon wires it for pushing: the writer's commits move {@link #changes}. */
public final class PushStore implements AutoCloseable {

    /** The statuses of a call the client answered, in order. */
    public static final CallStatus[] ANSWERED = {CallStatus.OPERATOR_CALLTO, CallStatus.OPERATOR_PICKUP,
            CallStatus.CLIENT_CALLTO, CallStatus.CLIENT_PICKUP, CallStatus.FINISH};

    public final Database database;
    public final CallStore store;
    public final Changes changes = new Changes();
    public final EventLog log;
    public final WebhookCursors cursors;

    private PushStore(Database database) {
        this.database = database;
        this.store = new CallStore(database, Clock.systemUTC());
        this.log = new EventLog(database);
        this.cursors = new WebhookCursors(store, Clock.systemUTC());
        store.afterCommit(changes::committed);
    }

    public static PushStore open(Path dir) {
        return new PushStore(Database.open(Config.from(Map.of("data.dir", dir.toString())).storage()));
    }

    public CallRecord call(String key) {
        return store.createCall("1000", "380639920000", "order-" + key, key, FirstParty.OPERATOR,
                Duration.ofSeconds(10)).join();
    }

    public void append(CallRecord call, CallStatus... statuses) {
        List<StatusChange> changes = Arrays.stream(statuses).map(s -> new StatusChange(s, "detail of " + s)).toList();
        store.appendStatuses(call.callId(), call.orderId(), changes).join();
    }

    /** A call answered and finished, one status at a time, then its recording: 6 status events and a recording. */
    public CallRecord answeredCall(String key) {
        CallRecord call = call(key);
        for (CallStatus status : ANSWERED) {
            append(call, status);
        }
        store.addRecording(call.callId(), call.orderId(), "2025-03-01/" + key + ".wav", 48_044, 3_000).join();
        return call;
    }

    public void presence(String sip, OperatorStatus status) {
        store.setOperatorPresence(sip, status, status.name()).join();
    }

    @Override
    public void close() {
        store.close();
        database.close();
    }
}
