package io.callcontrol.face.uis;

/** A request answered with one of the contract's errors and a sentence saying what in the request was wrong. */
final class UisException extends Exception {

    private final UisError error;

    UisException(UisError error, String detail) {
        // No stack trace: these are ordinary answers.
        super(detail, null, false, false);
        this.error = error;
    }

    UisError error() {
        return error;
    }
}
