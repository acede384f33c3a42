package io.callcontrol.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CallKeeper face ({@code /callkeeper/...}): its API keys ({@code apiak}, and {@code api_key} of the
 * statistics; in the form of http.api.keys), the offices a call's {@code manager} may name by number from 0 (each
 * an operator's SIP number; office 0 answers when {@code manager} is absent), and the table of the managers' phone
 * numbers to the operators. Without keys the face is off.
 */
public record CallkeeperConfig(List<HttpConfig.ApiKey> keys, List<String> offices, Map<String, String> managers) {

    private static final Pattern SIP = Pattern.compile("[0-9]{1,20}");

    public CallkeeperConfig {
        keys = List.copyOf(keys);
        offices = List.copyOf(offices);
        managers = Map.copyOf(managers);
    }

    public static CallkeeperConfig off() {
        return new CallkeeperConfig(List.of(), List.of(), Map.of());
    }

    static CallkeeperConfig from(Settings s) {
        List<HttpConfig.ApiKey> keys = HttpConfig.ApiKey.list("callkeeper.keys", s.string("callkeeper.keys", ""));
        List<String> offices = new ArrayList<>();
        String officeList = s.string("callkeeper.offices", "");
        if (!officeList.isBlank()) {
            for (String sip : officeList.split(",", -1)) {
                if (!SIP.matcher(sip.trim()).matches()) {
                    throw new ConfigException("callkeeper.offices: '" + sip.trim() + "' is not a SIP number (1 to 20"
                            + " digits); the offices are operators' SIP numbers, office 0 first");
                }
                offices.add(sip.trim());
            }
        }
        if (!keys.isEmpty() && offices.isEmpty()) {
            throw new ConfigException("callkeeper.offices: required when callkeeper.keys is set: office 0 answers"
                    + " the calls ordered without a manager");
        }
        return new CallkeeperConfig(keys, offices, NumberTable.parse("callkeeper.managers",
                s.string("callkeeper.managers", ""), CallkeeperConfig::digits));
    }

    /** A phone number as the face compares them: its digits only (CallKeeper allows {@code +( ) - _} and spaces). */
    public static String digits(String given) {
        return given.replaceAll("[+()\\-_ ]", "");
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    /** Never prints a key: keys appear by name only. */
    @Override
    public String toString() {
        return "CallkeeperConfig[keys=" + keys + ", offices=" + offices + ", managers=" + managers + "]";
    }
}
