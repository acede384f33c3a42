package io.callcontrol.face.novofon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.http.guard.RateLimiter;
import java.time.Clock;
import java.util.Map;

/**
 * Each caller's minute and day budgets (novofon.rate.per.minute, novofon.rate.per.day), counted by the daemon's one
 * rate limiter, and the {@code metadata.limits} object the contract puts on every answer. The windows are the
 * limiter's: the current minute and the current UTC day.
 */
final class Budgets {

    private static final long MINUTE = 60;
    private static final long DAY = 86_400;

    private final RateLimiter limiter;
    private final Clock clock;

    Budgets(int perMinute, int perDay, Clock clock) {
        this.limiter = new RateLimiter(perMinute, perDay, clock);
        this.clock = clock;
    }

    /**
     * Charges one request to {@code caller}; the limits to answer with, or {@code limit_exceeded} (carrying them)
     * when a budget is spent.
     */
    ObjectNode charge(Credentials.Caller caller) throws Spent {
        RateLimiter.Decision decision = limiter.take(caller.budget());
        ObjectNode limits = limits(decision);
        if (!decision.allowed()) {
            boolean day = decision.spent() == RateLimiter.Budget.DAY;
            String type = day ? "day" : "minute";
            int max = day ? decision.dayLimit() : decision.minuteLimit();
            throw new Spent(limits, new RpcException(Fault.LIMIT_EXCEEDED, null,
                    caller.budget() + " has spent its budget of " + max + " requests per " + type + "; retry in "
                            + decision.retryAfterSeconds() + " s",
                    Map.of("limit_type", type, "limit_max_value", Integer.toString(max))));
        }
        return limits;
    }

    /** The contract's limits object; an unlimited budget (0) shows its fields as null. */
    private ObjectNode limits(RateLimiter.Decision decision) {
        long second = clock.instant().getEpochSecond();
        ObjectNode limits = JsonNodeFactory.instance.objectNode();
        budget(limits, "day", decision.dayLimit(), decision.dayRemaining(), DAY - Math.floorMod(second, DAY));
        budget(limits, "minute", decision.minuteLimit(), decision.minuteRemaining(),
                MINUTE - Math.floorMod(second, MINUTE));
        return limits;
    }

    private static void budget(ObjectNode limits, String window, int limit, long remaining, long reset) {
        if (limit == 0) {
            limits.putNull(window + "_limit").putNull(window + "_remaining").putNull(window + "_reset");
            return;
        }
        limits.put(window + "_limit", limit).put(window + "_remaining", remaining).put(window + "_reset", reset);
    }

    /** A spent budget: the refusal and the limits it is answered with. */
    static final class Spent extends Exception {
        final transient ObjectNode limits;
        final RpcException error;

        Spent(ObjectNode limits, RpcException error) {
            super(error.getMessage(), null, false, false);
            this.limits = limits;
            this.error = error;
        }
    }
}
