package io.callcontrol.stats;

/** A callStats parameter that cannot be answered: which one, and why (the message starts with its name). */
public final class StatsRefusedException extends Exception {

    private static final long serialVersionUID = 1L;
    private final String parameter;

    StatsRefusedException(String parameter, String why) {
        super(parameter + ": " + why, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
