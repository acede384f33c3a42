package io.callcontrol.http.feed;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.callcontrol.http.api.WebhookMethods;
import io.callcontrol.http.monitor.HealthCheck;
import io.callcontrol.http.monitor.HealthWatch;
import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.ResponseWriters;
import io.callcontrol.http.render.TimeFormat;
import java.util.List;

/**
 * The feed's message of the daemon's state: {@code {"type":"health","health":{...},"webhooks":[...]}}, with the
 * {@code /health} body and the webhookStatus targets as those answer. It has no {@code id}: it is a state, not an
 * event of the log, and is not counted by the cursor.
 */
final class HealthMessage {

    static final String TYPE = "health";
    private static final ResponseWriter JSON = ResponseWriters.find("json");

    @JsonPropertyOrder({"type", "health", "webhooks"})
    record Message(String type, HealthCheck.Report health, List<WebhookMethods.Target> webhooks) {
    }

    private final TimeFormat time;

    HealthMessage(TimeFormat time) {
        this.time = time;
    }

    byte[] json(HealthWatch.State state) {
        return JSON.write(new Message(TYPE, state.health(),
                state.webhooks().stream().map(w -> WebhookMethods.Target.of(w, time)).toList()));
    }
}
