package io.callcontrol.dial;

import io.callcontrol.call.FirstParty;
import java.util.regex.Pattern;

/**
 * What a CRM asks for in makeCall, validated. This is the one place the call parameters are checked:
 * whatever passes can be put into a channel string or a file name without changing its meaning.
 */
public record CallRequest(String sip, String phone, String orderId, String externalKey, FirstParty first) {

    private static final Pattern SIP = Pattern.compile("[0-9]{1,20}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{3,20}");
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern EXTERNAL_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final String SIP_RULE = "must be the operator's SIP number: 1 to 20 digits";
    private static final String ORDER_ID_RULE = "must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'";

    public CallRequest {
        check("sip", sip, SIP, SIP_RULE);
        check("phone", phone, PHONE, "must be the client's number: 3 to 20 digits, optionally after a leading +");
        check("order_id", orderId, ORDER_ID, ORDER_ID_RULE);
        check("external_key", externalKey, EXTERNAL_KEY,
                "must be 1 to 128 characters of A-Z, a-z, 0-9, '_', '.', ':' or '-'");
        if (first == null) {
            throw new InvalidCallParameter("first", "is required");
        }
    }

    /** An operator-first call, validated; throws naming the first bad parameter. */
    public static CallRequest of(String sip, String phone, String orderId, String externalKey)
            throws CallRefusedException {
        return of(sip, phone, orderId, externalKey, null);
    }

    /**
     * Validates the parameters as the CRM sent them; throws naming the first bad one. {@code first} is
     * {@code operator} (also when null or empty) or {@code client}.
     */
    public static CallRequest of(String sip, String phone, String orderId, String externalKey, String first)
            throws CallRefusedException {
        FirstParty party = first == null || first.isEmpty() ? FirstParty.OPERATOR : FirstParty.fromApiName(first);
        if (party == null) {
            throw CallRefusedException.invalid("first", "must be 'operator' (ring the operator, then the client) or"
                    + " 'client' (ring the client, then the operator)");
        }
        try {
            return new CallRequest(sip, phone, orderId, externalKey, party);
        } catch (InvalidCallParameter e) {
            throw CallRefusedException.invalid(e.parameter, e.getMessage());
        }
    }

    /** An order_id by makeCall's rule, so every stored order can be asked for; throws when absent or bad. */
    public static String validOrderId(String orderId) throws CallRefusedException {
        return checked("order_id", orderId, ORDER_ID, ORDER_ID_RULE);
    }

    /** An operator's SIP number by makeCall's rule; throws when absent or bad. */
    public static String validSip(String sip) throws CallRefusedException {
        return checked("sip", sip, SIP, SIP_RULE);
    }

    /** A phone's SIP number by the operator's rule, in a parameter of another name (spyCall's supervisor). */
    public static String validSip(String parameter, String sip) throws CallRefusedException {
        return checked(parameter, sip, SIP, "must be a SIP number: 1 to 20 digits");
    }

    private static String checked(String parameter, String value, Pattern pattern, String rule)
            throws CallRefusedException {
        try {
            check(parameter, value, pattern, rule);
            return value;
        } catch (InvalidCallParameter e) {
            throw CallRefusedException.invalid(e.parameter, e.getMessage());
        }
    }

    private static void check(String parameter, String value, Pattern pattern, String rule) {
        if (value == null || value.isEmpty()) {
            throw new InvalidCallParameter(parameter, "is required");
        }
        if (!pattern.matcher(value).matches()) {
            throw new InvalidCallParameter(parameter, rule);
        }
    }

    private static final class InvalidCallParameter extends IllegalArgumentException {
        private final String parameter;

        InvalidCallParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }
}
