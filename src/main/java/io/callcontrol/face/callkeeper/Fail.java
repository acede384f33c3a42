package io.callcontrol.face.callkeeper;

/**
 * A request refused with the contract's {@code {"status":"fail","reason":...}} and its HTTP status. {@code reason}
 * is the contract's own text, which clients match on; {@code detail}, when not null, says what in the request it is.
 */
final class Fail extends Exception {

    final int status;
    final String reason;

    Fail(int status, String reason, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    static Fail undefined(String key) {
        return new Fail(400, "Key '" + key + "' is not defined!", null);
    }

    static Fail badKey() {
        return new Fail(403, "Not the correct key api", null);
    }

    static Fail mismatched(String detail) {
        return new Fail(404, "Mismatched request!", detail);
    }

    static Fail wrongType(String detail) {
        return new Fail(406, "Wrong data type!", detail);
    }

    static Fail phone(String detail) {
        return new Fail(409, "Phone not provided or invalid", detail);
    }

    static Fail manager(String detail) {
        return new Fail(409, "Invalid manager or client phone number", detail);
    }

    static Fail notServed(String detail) {
        return new Fail(400, "Not served", detail);
    }
}
