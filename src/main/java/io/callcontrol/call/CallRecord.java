package io.callcontrol.call;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Direction;
import io.callcontrol.call.FirstParty;
import java.time.Instant;

/**
 * A call as stored: what the CRM asked for (or, for a call the daemon did not place, what Asterisk told) and where it
 * stands now. {@code endedAt} is null while it runs; {@code phone} is the other party's number in every direction.
 */
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
        Instant endedAt,
        Direction direction) {

    /** A call the daemon placed. */
    public CallRecord(long callId, String orderId, String externalKey, String sip, String phone, FirstParty first,
            String channelId, CallStatus status, Instant createdAt, Instant endedAt) {
        this(callId, orderId, externalKey, sip, phone, first, channelId, status, createdAt, endedAt,
                Direction.OUTBOUND);
    }
}
