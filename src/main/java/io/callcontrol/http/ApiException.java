package io.callcontrol.http;

import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.storage.StoreException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A request the API answers with an error: the code, a message for the CRM developer, and the parameter if any. */
public final class ApiException extends Exception {

    private static final Logger log = LoggerFactory.getLogger(ApiException.class);

    private final ErrorCode code;
    private final String parameter;

    public ApiException(ErrorCode code, String parameter, String message) {
        // No stack trace: these are ordinary answers, not failures to debug.
        super(message, null, false, false);
        this.code = code;
        this.parameter = parameter;
    }

    public static ApiException of(ErrorCode code, String message) {
        return new ApiException(code, null, message);
    }

    /** The worker pool's queue is full: 503 with Retry-After. */
    public static ApiException overloaded() {
        return of(ErrorCode.OVERLOADED, "too many requests in progress; retry shortly");
    }

    /** A bad parameter; the message reads "{@code <parameter>: <why>}". */
    public static ApiException invalid(String parameter, String why) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, parameter, parameter + ": " + why);
    }

    public static ApiException refused(CallRefusedException e) {
        return switch (e.reason()) {
            case INVALID_PARAMETER -> new ApiException(ErrorCode.INVALID_PARAMETER, e.parameter(), e.getMessage());
            case DUPLICATE_EXTERNAL_KEY -> new ApiException(ErrorCode.DUPLICATE_EXTERNAL_KEY,
                    e.parameter() == null ? "external_key" : e.parameter(), e.getMessage());
            case ASTERISK_UNAVAILABLE -> of(ErrorCode.ASTERISK_UNAVAILABLE, e.getMessage());
            case STORE_UNAVAILABLE -> of(ErrorCode.STORE_UNAVAILABLE, e.getMessage());
            case ORIGINATE_FAILED -> of(ErrorCode.ORIGINATE_FAILED, e.getMessage());
            case NOT_RELEASED -> of(ErrorCode.NOT_RELEASED, e.getMessage());
        };
    }

    /**
     * The answer to a failure no method expected. A store failure is the store being unavailable (503, the CRM may
     * retry); anything else is our bug: its stack trace goes to the log, never to the client.
     */
    public static ApiException unexpected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreException || cause instanceof SQLException) {
                log.warn("store unavailable: {}", cause.toString());
                return of(ErrorCode.STORE_UNAVAILABLE, "the call store is not available; retry shortly");
            }
        }
        log.error("request failed", e);
        return of(ErrorCode.INTERNAL_ERROR, "internal error; the daemon's log has the details");
    }

    ErrorCode code() {
        return code;
    }

    /** The offending parameter, or null when the error is not about one. */
    public String parameter() {
        return parameter;
    }
}
