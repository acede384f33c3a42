package io.callcontrol.call;

/** The two channels of a call: the operator's, which the daemon originates, and the client's, which it dials. */
public enum Leg {
    OPERATOR, CLIENT
}
