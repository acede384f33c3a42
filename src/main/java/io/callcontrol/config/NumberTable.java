package io.callcontrol.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** A face's table of phone numbers to the operators answering them: {@code number:sip,number:sip}. */
final class NumberTable {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{3,20}");
    private static final Pattern SIP = Pattern.compile("[0-9]{1,20}");

    private NumberTable() {
    }

    /** The table of {@code key}; each number is keyed as {@code normal} writes it (the face looks it up so). */
    static Map<String, String> parse(String key, String value, UnaryOperator<String> normal) {
        Map<String, String> table = new LinkedHashMap<>();
        if (value.isBlank()) {
            return table;
        }
        String[] entries = value.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int colon = entry.indexOf(':');
            String number = colon < 0 ? "" : normal.apply(entry.substring(0, colon).trim());
            String sip = colon < 0 ? "" : entry.substring(colon + 1).trim();
            if (!NUMBER.matcher(number).matches() || !SIP.matcher(sip).matches()) {
                throw new ConfigException(key + ": entry " + (i + 1) + " '" + entry + "' is not"
                        + " number:sip (a number of 3 to 20 digits, a SIP number of 1 to 20 digits)");
            }
            if (table.put(number, sip) != null) {
                throw new ConfigException(key + ": number " + number + " is given twice");
            }
        }
        return table;
    }
}
