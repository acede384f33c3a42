package io.callcontrol.config;

import java.util.List;
import java.util.Map;

/**
 * The UIS face ({@code POST /uis/v1}): the logins {@code authenticate} opens a one-hour session for ({@code users},
 * in the form of http.api.keys), the table of the office numbers ({@code numc}) to the operators' SIP numbers, and
 * each login's request budgets ({@code 0}: unlimited). Without users the face is off.
 */
public record UisConfig(List<HttpConfig.ApiKey> users, Map<String, String> operators, int ratePerMinute,
        int ratePerDay) {

    static final int DEFAULT_RATE_PER_MINUTE = 60;
    static final int DEFAULT_RATE_PER_DAY = 10_000;

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
        Map<String, String> operators = NumberTable.parse("uis.operators", s.string("uis.operators", ""),
                UisConfig::number);
        if (!users.isEmpty() && operators.isEmpty()) {
            throw new ConfigException("uis.operators: required when uis.users is set: which operator (SIP number)"
                    + " answers each office number (numc), as number:sip,number:sip");
        }
        return new UisConfig(users, operators,
                s.integer("uis.rate.per.minute", DEFAULT_RATE_PER_MINUTE, 0, 100_000_000),
                s.integer("uis.rate.per.day", DEFAULT_RATE_PER_DAY, 0, 1_000_000_000));
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
