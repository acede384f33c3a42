package io.callcontrol.http.access;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.http.api.ApiParams;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The configured API keys, and where a request presents one: the {@code X-API-Key} header, an
 * {@code Authorization: Bearer} header, or the {@code api_key} query or form parameter, in that order.
 * Secrets are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every key, so the time a
 * check takes tells neither how much of a secret matched, nor its length, nor which key it was.
 */
public final class ApiKeys {

    static final String HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final List<String> names;
    private final List<byte[]> digests;

    public ApiKeys(List<HttpConfig.ApiKey> keys) {
        this.names = keys.stream().map(HttpConfig.ApiKey::name).toList();
        this.digests = keys.stream().map(key -> sha256(key.secret())).toList();
    }

    /** Whether a request must present a key at all. */
    boolean required() {
        return !names.isEmpty();
    }

    /** The name of the key this secret is, or null when it is none of them (or null). */
    public String nameOf(String secret) {
        if (secret == null) {
            return null;
        }
        byte[] digest = sha256(secret);
        String found = null;
        for (int i = 0; i < digests.size(); i++) {
            // No early exit: every key costs the same comparison whether or not an earlier one matched.
            if (MessageDigest.isEqual(digest, digests.get(i)) && found == null) {
                found = names.get(i);
            }
        }
        return found;
    }

    /** The secret the request presents, or null when it presents none. */
    static String presented(FullHttpRequest request, QueryStringDecoder uri) {
        String header = request.headers().get(HEADER);
        if (header != null) {
            return header.trim();
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        try {
            List<String> query = uri.parameters().get(ApiParams.API_KEY);
            if (query != null) {
                return query.get(0);
            }
            List<String> form = ApiParams.formParameters(request).get(ApiParams.API_KEY);
            return form == null ? null : form.get(0);
        } catch (IllegalArgumentException malformed) {
            // Bad percent-encoding hides the parameter; the request then presents no key.
            return null;
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
