package io.callcontrol.agi;

import io.callcontrol.call.ChannelIds;
import io.callcontrol.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a hook comes from its call's own channel: it must name the call by that channel's id,
 * {@code cc-<call_id>-<token>}, token included, as the stored call has it. Anyone who can reach the FastAGI port can
 * send a hook; only Asterisk's channel of the call (and whoever Asterisk showed it to) knows the token. A hook
 * refused here changes nothing, and is counted ({@code callcontrol_hooks_refused_total{reason}}) and logged.
 */
final class HookGuard {

    private static final Logger log = LoggerFactory.getLogger(HookGuard.class);

    /** Why a hook was refused; {@link #label} is the metric's reason. */
    enum Refusal {
        /** From a peer outside agi.allow. */
        PEER("peer"),
        /** A bare call number: a dialplan older than the channel id check. */
        NO_TOKEN("no_token"),
        /** Not a channel id at all. */
        MALFORMED("malformed"),
        /** No such call in the store: of another daemon, or made up. */
        UNKNOWN_CALL("unknown_call"),
        /** The call exists with another token. */
        TOKEN_MISMATCH("token_mismatch"),
        /** The store could not say: refused, since it cannot be checked (AMI still tracks the call). */
        STORE_UNAVAILABLE("store_unavailable");

        final String label;

        Refusal(String label) {
            this.label = label;
        }
    }

    private final LongFunction<Optional<String>> channelIdOfCall;
    private final Metrics metrics;
    private final Map<Refusal, AtomicLong> refused = new EnumMap<>(Refusal.class);

    /** @param channelIdOfCall the stored channel id of a call, empty when there is no such call */
    HookGuard(LongFunction<Optional<String>> channelIdOfCall, Metrics metrics) {
        this.channelIdOfCall = channelIdOfCall;
        this.metrics = metrics;
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, new AtomicLong());
        }
        metrics.hookRefusalReasons(Arrays.stream(Refusal.values()).map(r -> r.label).toList());
    }

    /** The call of a hook that named it by {@code channelId}, if that is the call's own; else empty, refused. */
    OptionalLong callOf(String script, String channelId) {
        OptionalLong call = ChannelIds.callId(channelId);
        if (call.isEmpty()) {
            boolean bareNumber = !channelId.isEmpty() && channelId.length() <= 18
                    && channelId.chars().allMatch(c -> c >= '0' && c <= '9');
            refuse(bareNumber ? Refusal.NO_TOKEN : Refusal.MALFORMED, script,
                    bareNumber ? "call " + channelId : "its first argument");
            return OptionalLong.empty();
        }
        long callId = call.getAsLong();
        Optional<String> own;
        try {
            own = channelIdOfCall.apply(callId);
        } catch (RuntimeException e) {
            refuse(Refusal.STORE_UNAVAILABLE, script, "call " + callId + " (" + e.getMessage() + ")");
            return OptionalLong.empty();
        }
        if (own.isEmpty()) {
            refuse(Refusal.UNKNOWN_CALL, script, "call " + callId);
            return OptionalLong.empty();
        }
        // in constant time, as API keys are: how long the check took tells nothing of how much of a token was right
        if (!MessageDigest.isEqual(own.get().getBytes(StandardCharsets.US_ASCII),
                channelId.getBytes(StandardCharsets.US_ASCII))) {
            refuse(Refusal.TOKEN_MISMATCH, script, "call " + callId);
            return OptionalLong.empty();
        }
        metrics.hookAccepted();
        return call;
    }

    /**
     * Counts and logs a refused hook: the first of each reason, then every 100th, so that a flood of forged hooks
     * cannot flood the log. The token sent is never logged.
     */
    void refuse(Refusal refusal, String script, String what) {
        metrics.hookRefused(refusal.label);
        long n = refused.get(refusal).incrementAndGet();
        if (n == 1 || n % 100 == 0) {
            log.warn("FastAGI: refused the {} hook for {}: {} ({} refused for this reason so far); it changed nothing",
                    script, what, why(refusal), n);
        }
    }

    private static String why(Refusal refusal) {
        return switch (refusal) {
            case PEER -> "the peer is not in agi.allow";
            case NO_TOKEN -> "it names the call by its number alone, without the channel id and its token: the"
                    + " dialplan predates this version of callcontrol; install its extensions_callcontrol.conf"
                    + " (the call is still tracked from AMI)";
            case MALFORMED -> "that is not a call's channel id (cc-<call_id>-<token>)";
            case UNKNOWN_CALL -> "there is no such call here (another daemon's, or made up)";
            case TOKEN_MISMATCH -> "its channel id token is not the call's (not sent by the call's own channel)";
            case STORE_UNAVAILABLE -> "the store could not be read to check its channel id token";
        };
    }
}
