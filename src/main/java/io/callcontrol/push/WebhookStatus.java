package io.callcontrol.push;

import java.time.Instant;

/**
 * How one webhook target stands: the last event id its receiver acknowledged, how many events come after it, the
 * failed attempts in a row at the batch now being sent (0: the last one went through), its state ({@code ok},
 * {@code retrying} after a timeout, a connection failure, a 5xx, 408 or 429, {@code failing} while the receiver
 * refuses with another status), the last error and when, and the failed attempts since start.
 */
public record WebhookStatus(
        String url,
        long deliveredId,
        long pending,
        int attempts,
        String state,
        String lastError,
        Instant lastErrorAt,
        Instant lastDeliveredAt,
        long failures) {
}
