package io.callcontrol.control;

import java.time.Duration;
import java.time.Instant;

/**
 * A channel as Asterisk lists it now (CoreShowChannels): its name, ids, state, and since when it exists.
 *
 * @param state Asterisk's ChannelStateDesc: Down, Ring, Ringing, Up, Busy...
 */
public record LiveChannel(String name, String uniqueId, String linkedId, String state, String bridgeId,
        Instant since) {

    /** {@code since} from CoreShowChannels' Duration ({@code HH:MM:SS}), read at {@code now}; now when unreadable. */
    static Instant since(String duration, Instant now) {
        if (duration == null) {
            return now;
        }
        String[] parts = duration.split(":");
        if (parts.length != 3) {
            return now;
        }
        try {
            long seconds = Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + Long.parseLong(parts[2]);
            return now.minus(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return now;
        }
    }
}
