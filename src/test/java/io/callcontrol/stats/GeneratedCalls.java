package io.callcontrol.stats;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Calls with known outcomes and durations, drawn from a seed: each keeps the record of what it is (its operator, when
 * it was placed, the statuses and the pause before each, its terminal status, and the ring and talk time the
 * generator chose), so a test's expected figures come from this record, not from the store.
 */
public final class GeneratedCalls {

    /** One generated call: {@code steps} are its statuses after CALL, each with the pause before it. */
    public record Call(String sip, FirstParty first, Instant placed, List<Step> steps, CallStatus end, Long ringMs,
                       Long talkMs) {
    }

    public record Step(CallStatus status, Duration after) {
    }

    private final Random random;
    private final List<String> sips;

    public GeneratedCalls(long seed, List<String> sips) {
        this.random = new Random(seed);
        this.sips = sips;
    }

    /** A call placed at {@code placed}, of a kind drawn at random. */
    public Call at(Instant placed) {
        String sip = sips.get(random.nextInt(sips.size()));
        long ring = 1_000 + random.nextInt(20_000);
        long talk = 5_000 + random.nextInt(300_000);
        long dial = 500 + random.nextInt(1_000);
        return switch (random.nextInt(7)) {
            case 0, 1, 2 -> new Call(sip, FirstParty.OPERATOR, placed, List.of(step(CallStatus.OPERATOR_CALLTO, 200),
                    step(CallStatus.OPERATOR_PICKUP, ring), step(CallStatus.CLIENT_CALLTO, 100),
                    step(CallStatus.CLIENT_PICKUP, dial), step(CallStatus.FINISH, talk)), CallStatus.FINISH, ring, talk);
            case 3 -> new Call(sip, FirstParty.OPERATOR, placed, List.of(step(CallStatus.OPERATOR_CALLTO, 200),
                    step(CallStatus.OPERATOR_NOANSWER, ring)), CallStatus.OPERATOR_NOANSWER, ring, null);
            case 4 -> new Call(sip, FirstParty.OPERATOR, placed, List.of(step(CallStatus.OPERATOR_BUSY, 300)),
                    CallStatus.OPERATOR_BUSY, null, null);
            case 5 -> new Call(sip, FirstParty.OPERATOR, placed, List.of(step(CallStatus.OPERATOR_CALLTO, 200),
                    step(CallStatus.OPERATOR_PICKUP, ring), step(CallStatus.CLIENT_CALLTO, 100),
                    step(CallStatus.CLIENT_BUSY, dial)), CallStatus.CLIENT_BUSY, ring, null);
            default -> new Call(sip, FirstParty.CLIENT, placed, List.of(step(CallStatus.CLIENT_CALLTO, 200),
                    step(CallStatus.CLIENT_PICKUP, ring), step(CallStatus.OPERATOR_CALLTO, 100),
                    step(CallStatus.OPERATOR_PICKUP, dial), step(CallStatus.FINISH, talk)), CallStatus.FINISH, ring,
                    talk);
        };
    }

    /** {@code count} calls placed at random instants in [from, until). */
    public List<Call> between(Instant from, Instant until, int count) {
        List<Call> calls = new ArrayList<>(count);
        long span = until.toEpochMilli() - from.toEpochMilli();
        for (int i = 0; i < count; i++) {
            calls.add(at(from.plusMillis((long) (random.nextDouble() * span))));
        }
        return calls;
    }

    private static Step step(CallStatus status, long millis) {
        return new Step(status, Duration.ofMillis(millis));
    }
}
