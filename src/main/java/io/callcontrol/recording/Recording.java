package io.callcontrol.recording;

import java.time.Instant;

/** A call's recording; {@code file} is relative to recordings.dir. */
public record Recording(
        long id, long callId, String orderId, String file, long sizeBytes, long durationMs, Instant createdAt) {
}
