package io.callcontrol.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code {"error":{"code":"...","message":"...","parameter":"..."}}}; parameter only when the error is about one. */
record ErrorBody(Detail error) {

    record Detail(String code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String parameter) {
    }

    static ErrorBody of(ApiException e) {
        return new ErrorBody(new Detail(e.code().code(), e.getMessage(), e.parameter()));
    }
}
