package io.callcontrol.http.access;

import io.callcontrol.http.ApiException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * A browser's login in place of an API key: the dashboard's session cookie stands for the key it was opened
 * with, on the terms the dashboard sets (its CSRF rules).
 */
@FunctionalInterface
public interface SessionAccess {

    /** No sessions: only API keys admit a request. */
    SessionAccess NONE = (request, uri) -> null;

    /**
     * The name of the API key whose session this request presents, or null when it presents none that lives.
     *
     * @throws ApiException when it presents a live session but breaks its rules (a missing CSRF token, a foreign
     *                      origin): the request is refused with that error, not asked for a key
     */
    String keyName(FullHttpRequest request, QueryStringDecoder uri) throws ApiException;
}
