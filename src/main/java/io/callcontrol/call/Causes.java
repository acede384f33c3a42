package io.callcontrol.call;

import java.util.Map;
import java.util.Set;

/** Q.850 hangup causes as Asterisk reports them, named for the detail of a status. */
public final class Causes {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "Unknown"),
            Map.entry(1, "Unallocated number"),
            Map.entry(2, "No route to network"),
            Map.entry(3, "No route to destination"),
            Map.entry(16, "Normal Clearing"),
            Map.entry(17, "User busy"),
            Map.entry(18, "No user responding"),
            Map.entry(19, "No answer"),
            Map.entry(20, "Subscriber absent"),
            Map.entry(21, "Call rejected"),
            Map.entry(22, "Number changed"),
            Map.entry(27, "Destination out of order"),
            Map.entry(28, "Invalid number format"),
            Map.entry(31, "Normal, unspecified"),
            Map.entry(34, "Circuit/channel congestion"),
            Map.entry(38, "Network out of order"),
            Map.entry(41, "Temporary failure"),
            Map.entry(42, "Switching equipment congestion"),
            Map.entry(58, "Bearer capability not available"),
            Map.entry(127, "Interworking, unspecified"));

    /** Causes that say a number cannot be reached at all, rather than that nobody answered. */
    private static final Set<Integer> UNREACHABLE = Set.of(1, 2, 3, 22, 27, 28, 38);
    /** Causes that say the operator's device is not there. */
    private static final Set<Integer> ABSENT = Set.of(0, 3, 20, 27, 38);
    private static final Set<Integer> BUSY = Set.of(17, 21);
    private static final Set<Integer> NO_ANSWER = Set.of(18, 19);

    /** A party hanging up: Normal Clearing, or no cause told (0; -1: the tracker does not know it yet). */
    private static final Set<Integer> HUNG_UP = Set.of(-1, 0, 16, 31);

    private Causes() {
    }

    static boolean hungUp(int cause) {
        return HUNG_UP.contains(cause);
    }

    static boolean unreachable(int cause) {
        return UNREACHABLE.contains(cause);
    }

    static boolean absent(int cause) {
        return ABSENT.contains(cause);
    }

    static boolean busy(int cause) {
        return BUSY.contains(cause);
    }

    static boolean noAnswer(int cause) {
        return NO_ANSWER.contains(cause);
    }

    /** "cause 17 (User busy), SIP 486"; the SIP part only when known. */
    public static String describe(int cause, String sipCode) {
        String text = "cause " + cause + " (" + NAMES.getOrDefault(cause, "Q.850 " + cause) + ")";
        return sipCode == null || sipCode.isEmpty() ? text : text + ", SIP " + sipCode;
    }
}
