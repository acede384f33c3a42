package io.callcontrol.http.api;

/**
 * What an API method gets: the validated-on-demand parameters and the base URL recording links start with.
 * Plain strings only, so it can cross from the event loop to a worker thread with no buffer to release.
 */
record ApiRequest(ApiParams params, String baseUrl) {
}
