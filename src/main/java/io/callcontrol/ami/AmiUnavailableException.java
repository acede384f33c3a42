package io.callcontrol.ami;

/** There is no working AMI connection to Asterisk right now. */
public final class AmiUnavailableException extends Exception {
    public AmiUnavailableException(String message) {
        super(message);
    }
}
