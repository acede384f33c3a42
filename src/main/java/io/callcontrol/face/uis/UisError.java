package io.callcontrol.face.uis;

/** The UIS Call API's error codes with their messages, exactly as the contract lists them. */
enum UisError {
    IP_ADDRESS(-32001, "IP address error"),
    AUTHENTICATION(-32002, "Authentication error"),
    PERMISSION_DENIED(-32003, "Permission denied"),
    LIMIT_EXCEEDED(-32004, "Limit is exceeded"),
    SESSION_EXPIRED(-32005, "Session key has expired"),
    INVALID_REQUEST(-32600, "Invalid Request"),
    METHOD_NOT_FOUND(-32601, "Method not found"),
    INVALID_PARAMS(-32602, "Invalid params"),
    INTERNAL(-32603, "Internal error"),
    PARSE(-32700, "Parse error");

    final int code;
    final String message;

    UisError(int code, String message) {
        this.code = code;
        this.message = message;
    }
}
