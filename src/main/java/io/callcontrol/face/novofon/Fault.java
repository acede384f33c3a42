package io.callcontrol.face.novofon;

/**
 * The errors of the Novofon Call API contract that this face answers, with their JSON-RPC code, mnemonic and message
 * exactly as the contract prints them.
 */
enum Fault {
    PARSE_ERROR(-32700, "parse_error", "Invalid JSON was received by the server."),
    INVALID_REQUEST(-32600, "invalid_request", "Invalid Request The JSON sent is not a valid Request object"),
    METHOD_NOT_FOUND(-32601, "method_not_found", "The method does not exist / is not available"),
    REQUIRED_PARAMETER_MISSED(-32602, "required_parameter_missed", "The required parameter has been missed"),
    INVALID_PARAMETER_VALUE(-32602, "invalid_parameter_value", "Invalid parameter value"),
    UNEXPECTED_PARAMETERS(-32602, "unexpected_parameters", "Unexpected method parameter(s)"),
    DATA_TYPE_ERROR(-32602, "data_type_error", "Data supplied is of wrong type"),
    CALL_SESSION_NOT_FOUND(-32602, "call_session_not_found", "Call session not found"),
    INTERNAL_ERROR(-32603, "internal_error", "Internal error, contact the support service"),
    ACCESS_TOKEN_INVALID(-32001, "access_token_invalid", "Access token is invalid"),
    AUTH_ERROR(-32001, "auth_error", "Login or password is wrong"),
    COMPONENT_DISABLED(-32008, "component_disabled", "Component {component_name} has been disabled"),
    LIMIT_EXCEEDED(-32029, "limit_exceeded",
            "Limit per {limit_type} has been exceeded. Value of current limit per {limit_type} is {limit_max_value}"),
    // The contract's own spelling of this mnemonic ("opreations") is kept: clients match on it.
    BATCH_NOT_SUPPORTED(-32099, "batch_opreations_not_supported", "Batch operations not supported"),
    NOTIFICATIONS_NOT_SUPPORTED(-32099, "notifications_not_supported", "Notifications not supported");

    final int code;
    final String mnemonic;
    final String message;

    Fault(int code, String mnemonic, String message) {
        this.code = code;
        this.mnemonic = mnemonic;
        this.message = message;
    }
}
