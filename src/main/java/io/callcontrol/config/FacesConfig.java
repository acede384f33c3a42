package io.callcontrol.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which faces the HTTP server answers ({@code faces}). The mobileconvert API is the daemon's own and always on; a
 * face is on when its credentials are configured, and when {@code faces} is given, only if it is listed there too.
 * A face listed without its credentials, or a name that is no face, is refused at start.
 */
public record FacesConfig(Set<String> served) {

    public static final String MOBILECONVERT = "mobileconvert";
    public static final String NOVOFON = "novofon";
    public static final String UIS = "uis";
    public static final String CALLKEEPER = "callkeeper";
    public static final String PROSTIEZVONKI = "prostiezvonki";

    public FacesConfig {
        served = Set.copyOf(served);
    }

    static FacesConfig from(Settings s, NovofonConfig novofon, UisConfig uis, CallkeeperConfig callkeeper,
            ProstiezvonkiConfig prostiezvonki) {
        String value = s.string("faces", "");
        Set<String> served = new LinkedHashSet<>();
        served.add(MOBILECONVERT);
        if (value.isBlank()) {
            if (novofon.enabled()) {
                served.add(NOVOFON);
            }
            if (uis.enabled()) {
                served.add(UIS);
            }
            if (callkeeper.enabled()) {
                served.add(CALLKEEPER);
            }
            if (prostiezvonki.enabled()) {
                served.add(PROSTIEZVONKI);
            }
            return new FacesConfig(served);
        }
        Set<String> listed = new LinkedHashSet<>();
        for (String name : value.split(",", -1)) {
            listed.add(name.trim());
        }
        for (String name : listed) {
            switch (name) {
                case MOBILECONVERT -> { }
                case NOVOFON -> served.add(configured(name, novofon.enabled(), "novofon.keys or novofon.users"));
                case UIS -> served.add(configured(name, uis.enabled(), "uis.users"));
                case CALLKEEPER -> served.add(configured(name, callkeeper.enabled(), "callkeeper.keys"));
                case PROSTIEZVONKI -> served.add(configured(name, prostiezvonki.enabled(), "prostiezvonki.users"));
                default -> throw new ConfigException("faces: '" + name + "' is not a face; the faces are "
                        + String.join(", ", List.of(MOBILECONVERT, NOVOFON, UIS, CALLKEEPER,
                                PROSTIEZVONKI)));
            }
        }
        if (!listed.contains(MOBILECONVERT)) {
            throw new ConfigException("faces: the mobileconvert API is always on; list it with the faces wanted,"
                    + " e.g. faces = mobileconvert,novofon");
        }
        return new FacesConfig(served);
    }

    private static String configured(String face, boolean enabled, String keys) {
        if (!enabled) {
            throw new ConfigException("faces: " + face + " is listed, but " + keys + " is not set");
        }
        return face;
    }

    /** Whether {@code face} is answered. */
    public boolean serves(String face) {
        return served.contains(face);
    }
}
