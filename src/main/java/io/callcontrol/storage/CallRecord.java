package io.callcontrol.storage;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import java.time.Instant;

/** A call as stored: what the CRM asked for and where it stands now. {@code endedAt} is null while it runs. */
public record CallRecord(
        long callId,
        String orderId,
        String externalKey,
        String sip,
        String phone,
        FirstParty first,
        String channelId,
        CallStatus status,
        Instant createdAt,
        Instant endedAt) {
}
