package io.callcontrol.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a call through the testbed's phones must end as, told by whom it rings: the operator (1000 answers, 1001 is
 * busy, 1002 does not answer, 1003 has no contact) and the client's last digit (0 talks 3 s, 1 busy, 3 hangs up at
 * once). Each outcome has exactly one status chain and a pattern its last status's detail must show: a busy
 * operator is OPERATOR_BUSY by its cause 17, never OPERATOR_OFFLINE, whatever order Asterisk's events came in.
 */
public enum Outcome {
    ANSWERED("1000", '0', "cause 16", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_PICKUP",
            "FINISH"),
    /** As ANSWERED, on the second Asterisk ({@link AsteriskTestbed#startSecond}): its operator 2000 answers and stays. */
    ANSWERED_ON_SECOND("2000", '0', "cause 16", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO", "CLIENT_PICKUP",
            "FINISH"),
    CLIENT_HANGS_UP_AT_ONCE("1000", '3', "cause 16", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO",
            "CLIENT_PICKUP", "FINISH"),
    CLIENT_BUSY("1000", '1', "DIALSTATUS=BUSY", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO",
            "CLIENT_BUSY"),
    OPERATOR_BUSY("1001", '0', "cause 17 \\(User busy\\)", "OPERATOR_BUSY"),
    // the ring timeout ends it: Asterisk's OriginateResponse (Reason 3) or the channel's cause 19 tells it first
    OPERATOR_NOANSWER("1002", '0', "Reason 3|cause 19 \\(No answer\\)", "OPERATOR_CALLTO", "OPERATOR_NOANSWER"),
    OPERATOR_OFFLINE("1003", '0', "device is UNAVAILABLE: not registered or not reachable", "OPERATOR_OFFLINE");

    /**
     * The mixed load, one call after the other in this order: four in ten to the busy operator (the outcome an
     * unclear OriginateResponse used to turn into OPERATOR_OFFLINE), the rest spread over every other outcome.
     */
    public static final List<Outcome> MIX = List.of(OPERATOR_BUSY, ANSWERED, OPERATOR_BUSY, CLIENT_BUSY,
            OPERATOR_NOANSWER, OPERATOR_BUSY, CLIENT_HANGS_UP_AT_ONCE, OPERATOR_OFFLINE, OPERATOR_BUSY, ANSWERED);

    private final String sip;
    private final char clientDigit;
    private final Pattern detail;
    private final List<String> chain;

    Outcome(String sip, char clientDigit, String detail, String... afterCall) {
        this.sip = sip;
        this.clientDigit = clientDigit;
        this.detail = Pattern.compile(detail);
        List<String> statuses = new ArrayList<>(List.of("CALL"));
        statuses.addAll(List.of(afterCall));
        this.chain = List.copyOf(statuses);
    }

    /** The outcome of the i-th call of a mixed load. */
    public static Outcome mixed(int i) {
        return MIX.get(i % MIX.size());
    }

    public String sip() {
        return sip;
    }

    /** A client number of this outcome, distinct per {@code n} (below 10,000,000). */
    public String phone(int n) {
        return "38063" + String.format("%07d", n % 10_000_000) + clientDigit;
    }

    public List<String> chain() {
        return chain;
    }

    public boolean answers() {
        return sip.equals("1000") || sip.equals("2000");
    }

    /**
     * Why a call of this outcome ended wrong, or null when it ended right. {@code operatorStates}: the operator
     * channel's states as Asterisk reported them (AmiWitness); the chain may lack OPERATOR_CALLTO only when Asterisk
     * reported no Ringing before Up, which a phone that answers at once can bring about.
     */
    public String wrong(List<String> statuses, String lastDetail, List<String> operatorStates) {
        boolean rangFirst = operatorStates.contains("Ringing")
                && (!operatorStates.contains("Up") || operatorStates.indexOf("Ringing") < operatorStates.indexOf("Up"));
        List<String> withoutRinging = new ArrayList<>(chain);
        withoutRinging.remove("OPERATOR_CALLTO");
        if (!statuses.equals(chain) && !(answers() && !rangFirst && statuses.equals(withoutRinging))) {
            return "expected " + chain + ", got " + statuses + " (last detail: " + lastDetail + ")";
        }
        if (!detail.matcher(lastDetail).find()) {
            return "the chain is right, but the last detail '" + lastDetail + "' does not show /" + detail + "/";
        }
        return null;
    }
}
