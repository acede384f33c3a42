package io.callcontrol.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;

/** The API's error codes, each with the HTTP status it is answered with. */
public enum ErrorCode {
    INVALID_PARAMETER(HttpResponseStatus.BAD_REQUEST),
    /** The request is not HTTP we can read (bad syntax in its request line or headers). */
    BAD_REQUEST(HttpResponseStatus.BAD_REQUEST),
    /** No API key, or not one of http.api.keys. */
    UNAUTHORIZED(HttpResponseStatus.UNAUTHORIZED),
    /** A dashboard session's request without its CSRF token, or from another site's page. */
    FORBIDDEN(HttpResponseStatus.FORBIDDEN),
    UNKNOWN_METHOD(HttpResponseStatus.NOT_FOUND),
    NOT_FOUND(HttpResponseStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED(HttpResponseStatus.METHOD_NOT_ALLOWED),
    DUPLICATE_EXTERNAL_KEY(HttpResponseStatus.CONFLICT),
    /** releaseCall of a call that has its terminal status already. */
    CALL_ENDED(HttpResponseStatus.CONFLICT),
    /** releaseCall: Asterisk had no channel of the call to hang up (it is starting or ending right then). */
    NOT_RELEASED(HttpResponseStatus.CONFLICT),
    /** hangupLeg, sendDtmf: the call is in progress but Asterisk has no channel of that party now. */
    LEG_NOT_PRESENT(HttpResponseStatus.CONFLICT),
    /** recordCall pause: the call's recording is paused already. */
    RECORDING_PAUSED(HttpResponseStatus.CONFLICT),
    /** recordCall resume: the call's recording is not paused. */
    RECORDING_NOT_PAUSED(HttpResponseStatus.CONFLICT),
    /** recordCall pause, resume or stop: the call's recording is stopped. */
    RECORDING_STOPPED(HttpResponseStatus.CONFLICT),
    /** recordCall start: the call's recording runs (recording or paused). */
    RECORDING_RUNNING(HttpResponseStatus.CONFLICT),
    /** hangupLeg, sendDtmf: Asterisk answered the action with an error; nothing was done. */
    ASTERISK_REFUSED(HttpResponseStatus.BAD_GATEWAY),
    /** cancelCall too late: the scheduled call is done, or its last attempt has started. */
    NOT_CANCELLABLE(HttpResponseStatus.CONFLICT),
    REQUEST_TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
    /** An {@code Expect} header other than 100-continue. */
    EXPECTATION_FAILED(HttpResponseStatus.EXPECTATION_FAILED),
    URI_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG),
    HEADERS_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    /** The caller spent its per-minute or per-day budget (http.rate.per.minute, http.rate.per.day). */
    RATE_LIMITED(HttpResponseStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR(HttpResponseStatus.INTERNAL_SERVER_ERROR),
    ORIGINATE_FAILED(HttpResponseStatus.BAD_GATEWAY),
    ASTERISK_UNAVAILABLE(HttpResponseStatus.SERVICE_UNAVAILABLE),
    STORE_UNAVAILABLE(HttpResponseStatus.SERVICE_UNAVAILABLE),
    OVERLOADED(HttpResponseStatus.SERVICE_UNAVAILABLE);

    private final HttpResponseStatus status;

    ErrorCode(HttpResponseStatus status) {
        this.status = status;
    }

    /** The code as the API spells it: {@code invalid_parameter}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    HttpResponseStatus status() {
        return status;
    }
}
