package io.callcontrol.schedule;

import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The external_key of an attempt's call: {@code schedule:<schedule_id>:<attempt>}, with a fourth part
 * {@code :<try>} when an attempt has to be placed again because its Originate never left (try 2 on). The key is
 * derived, not random, so placing an attempt twice (after a crash) finds the call made the first time instead of
 * making a second one. The CRM's own keys may not start with {@code schedule:}.
 */
public final class AttemptKeys {

    static final String PREFIX = "schedule:";
    private static final Pattern KEY = Pattern.compile("schedule:([0-9]{1,18}):([0-9]{1,9})(?::([0-9]{1,9}))?");

    /** The schedule, attempt and try an attempt's key names. */
    public record Key(long scheduleId, int attempt, int tryNumber) {
    }

    private AttemptKeys() {
    }

    public static String of(long scheduleId, int attempt, int tryNumber) {
        String key = PREFIX + scheduleId + ":" + attempt;
        return tryNumber <= 1 ? key : key + ":" + tryNumber;
    }

    /** True for a key the CRM may not use: it has the form of an attempt's key. */
    public static boolean reserved(String externalKey) {
        return externalKey.startsWith(PREFIX);
    }

    /**
     * Refuses a CRM's call whose key has the form of an attempt's key. (A key that a schedule holds is refused by
     * the store, in the same transaction as the call's insert: {@code ExternalKeyScheduledException}.)
     */
    public static void refuseReserved(CallRequest call) throws CallRefusedException {
        if (reserved(call.externalKey())) {
            throw CallRefusedException.invalid("external_key",
                    "keys starting with 'schedule:' are reserved for the attempts of scheduled calls");
        }
    }

    /** What an attempt's key names, or null when the key is not one. */
    public static Key parse(String externalKey) {
        if (!reserved(externalKey)) {
            return null; // most keys: the tracker asks about every call that ends
        }
        Matcher m = KEY.matcher(externalKey);
        if (!m.matches()) {
            return null;
        }
        return new Key(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
    }
}
