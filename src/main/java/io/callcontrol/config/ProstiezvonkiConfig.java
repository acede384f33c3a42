package io.callcontrol.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Prostiezvonki-compatible events face ({@code /prostiezvonki}): who may connect, as {@code user_phone:client_id}
 * pairs ({@code prostiezvonki.users}): the operator's SIP number and its password, at most 32 characters as the
 * Prostiezvonki API allows. Without users the face is off.
 */
public record ProstiezvonkiConfig(Map<String, String> users) {

    private static final Pattern SIP = Pattern.compile("[0-9]{1,20}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_.-]{8,32}");

    public ProstiezvonkiConfig {
        users = Map.copyOf(users);
    }

    public static ProstiezvonkiConfig off() {
        return new ProstiezvonkiConfig(Map.of());
    }

    /**
     * Parses {@code 1000:password,1001:password}; messages name an entry by position or operator, never by its
     * password.
     */
    static ProstiezvonkiConfig from(Settings s) {
        String key = "prostiezvonki.users";
        String value = s.string(key, "");
        Map<String, String> users = new LinkedHashMap<>();
        if (value.isBlank()) {
            return new ProstiezvonkiConfig(users);
        }
        String[] entries = value.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int colon = entry.indexOf(':');
            String sip = colon < 0 ? "" : entry.substring(0, colon);
            if (!SIP.matcher(sip).matches()) {
                throw new ConfigException(key + ": entry " + (i + 1) + " is not user_phone:client_id with"
                        + " user_phone the operator's SIP number (1 to 20 digits)");
            }
            if (!PASSWORD.matcher(entry.substring(colon + 1)).matches()) {
                throw new ConfigException(key + ": operator " + sip + ": the client_id (password) must be 8 to 32"
                        + " characters of A-Z, a-z, 0-9, '_', '.' or '-'");
            }
            if (users.put(sip, entry.substring(colon + 1)) != null) {
                throw new ConfigException(key + ": operator " + sip + " is given twice");
            }
        }
        return new ProstiezvonkiConfig(users);
    }

    public boolean enabled() {
        return !users.isEmpty();
    }

    /** Never prints a password: operators appear by SIP number only. */
    @Override
    public String toString() {
        return "ProstiezvonkiConfig[users=" + users.keySet() + "]";
    }
}
