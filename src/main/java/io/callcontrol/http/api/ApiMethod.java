package io.callcontrol.http.api;

import io.callcontrol.http.ApiException;

/** One API method. Runs on a worker thread (it may block on JDBC or AMI); returns the body to encode. */
@FunctionalInterface
interface ApiMethod {

    Object call(ApiRequest request) throws ApiException;
}
