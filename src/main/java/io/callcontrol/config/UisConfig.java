package io.callcontrol.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The UIS face ({@code POST /uis/v1}): the logins {@code authenticate} opens a one-hour session for ({@code users},
 * in the form of http.api.keys), the table of the office numbers ({@code numc}) to the operators' SIP numbers, and
 * each login's request budgets ({@code 0}: unlimited). Without users the face is off.
 */
public record UisConfig(List<HttpConfig.ApiKey> users, Map<String, String> operators, int ratePerMinute,
        int ratePerDay) {

    static final int DEFAULT_RATE_PER_MINUTE = 60;
    static final int DEFAULT_RATE_PER_DAY = 10_000;
    private static final Pattern NUMBER = Pattern.compile("[0-9]{3,20}");
    private static final Pattern SIP = Pattern.compile("[0-9]{1,20}");

    public UisConfig {
        users = List.copyOf(users);
        operators = Map.copyOf(operators);
    }

    /** The face off. */
    public static UisConfig off() {
        return new UisConfig(List.of(), Map.of(), DEFAULT_RATE_PER_MINUTE, DEFAULT_RATE_PER_DAY);
    }

    static UisConfig from(Settings s) {
        List<HttpConfig.ApiKey> users = HttpConfig.ApiKey.list("uis.users", s.string("uis.users", ""));
        Map<String, String> operators = operators(s.string("uis.operators", ""));
        if (!users.isEmpty() && operators.isEmpty()) {
            throw new ConfigException("uis.operators: required when uis.users is set: which operator (SIP number)"
                    + " answers each office number (numc), as number:sip,number:sip");
        }
        return new UisConfig(users, operators,
                s.integer("uis.rate.per.minute", DEFAULT_RATE_PER_MINUTE, 0, 100_000_000),
                s.integer("uis.rate.per.day", DEFAULT_RATE_PER_DAY, 0, 1_000_000_000));
    }

    /** {@code 74951234567:1000,74951234568:1001}; a leading + of a number is dropped, as the face drops it. */
    private static Map<String, String> operators(String value) {
        Map<String, String> table = new LinkedHashMap<>();
        if (value.isBlank()) {
            return table;
        }
        String[] entries = value.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int colon = entry.indexOf(':');
            String number = colon < 0 ? "" : number(entry.substring(0, colon).trim());
            String sip = colon < 0 ? "" : entry.substring(colon + 1).trim();
            if (!NUMBER.matcher(number).matches() || !SIP.matcher(sip).matches()) {
                throw new ConfigException("uis.operators: entry " + (i + 1) + " '" + entry + "' is not"
                        + " number:sip (a number of 3 to 20 digits, a SIP number of 1 to 20 digits)");
            }
            if (table.put(number, sip) != null) {
                throw new ConfigException("uis.operators: number " + number + " is given twice");
            }
        }
        return table;
    }

    /** A number as the table keys it: without a leading +. */
    public static String number(String given) {
        return given.startsWith("+") ? given.substring(1) : given;
    }

    /** Whether the face answers at all. */
    public boolean enabled() {
        return !users.isEmpty();
    }

    /** Never prints a password: users appear by name only. */
    @Override
    public String toString() {
        return "UisConfig[users=" + users + ", operators=" + operators + ", rate=" + ratePerMinute + "/min "
                + ratePerDay + "/day]";
    }
}
