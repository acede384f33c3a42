package io.callcontrol.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.push.WebhookStatus;
import java.util.List;
import java.util.function.Supplier;

/** webhookStatus: how each webhook target stands, so a failing receiver is seen before the CRM misses events. */
public final class WebhookMethods {

    /** One target as the API shows it, in webhookStatus and in the feed's health messages. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Target(String url, long deliveredId, long pending, int attempts, String state, String lastError,
                         String lastErrorAt, String lastDeliveredAt, long failures) {

        public static Target of(WebhookStatus w, TimeFormat time) {
            return new Target(w.url(), w.deliveredId(), w.pending(), w.attempts(), w.state(), w.lastError(),
                    time.format(w.lastErrorAt()), time.format(w.lastDeliveredAt()), w.failures());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Targets(@JacksonXmlElementWrapper(localName = "targets") @JacksonXmlProperty(localName = "target")
                   List<Target> targets) {
    }

    private final Supplier<List<WebhookStatus>> webhooks;
    private final TimeFormat time;

    WebhookMethods(Supplier<List<WebhookStatus>> webhooks, TimeFormat time) {
        this.webhooks = webhooks;
        this.time = time;
    }

    /** Every target of webhook.urls, in its order; none when webhooks are off. */
    Object webhookStatus(ApiRequest request) {
        return new Targets(webhooks.get().stream().map(w -> Target.of(w, time)).toList());
    }
}
