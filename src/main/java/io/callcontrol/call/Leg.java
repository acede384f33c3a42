package io.callcontrol.call;

/**
 * The two channels of a call: the one the daemon originates, and the one the dialplan dials once the first has
 * answered. Which party each is depends on the call's {@link FirstParty}.
 */
public enum Leg {
    ORIGINATED, DIALLED
}
