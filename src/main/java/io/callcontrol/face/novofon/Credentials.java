package io.callcontrol.face.novofon;

import io.callcontrol.config.NovofonConfig;
import io.callcontrol.face.Sessions;
import io.callcontrol.http.access.ApiKeys;

/**
 * Who an {@code access_token} is: a permanent key of novofon.keys, or a live session of a novofon.users login.
 * Secrets are matched as the HTTP API's keys are ({@link ApiKeys}: digests, constant time across keys).
 */
final class Credentials {

    /** Whom a request is charged to, for the budgets: {@code key 'crm'} or {@code user 'admin'}. */
    record Caller(String budget) {

        static Caller user(String login) {
            return new Caller("user '" + login + "'");
        }
    }

    /** A session token's random bytes: 48 hex digits, as the contract's tokens. */
    static final int TOKEN_BYTES = 24;

    private final ApiKeys keys;
    private final ApiKeys users;
    private final Sessions sessions;

    Credentials(NovofonConfig config, Sessions sessions) {
        this.keys = new ApiKeys(config.keys());
        this.users = new ApiKeys(config.users());
        this.sessions = sessions;
    }

    /** The caller this token is; refused as {@code access_token_invalid} when it is none (or expired). */
    Caller caller(String token) throws RpcException {
        String key = keys.nameOf(token);
        if (key != null) {
            return new Caller("key '" + key + "'");
        }
        String user = sessions.user(token);
        if (user != null) {
            return Caller.user(user);
        }
        throw new RpcException(Fault.ACCESS_TOKEN_INVALID, "access_token",
                "access_token: neither a key of the face nor a live session (sessions last one hour)");
    }

    /** The user whose password this is, for login.user; refused as {@code auth_error} otherwise. */
    String user(String login, String password) throws RpcException {
        String owner = users.nameOf(password);
        if (owner == null || !owner.equals(login)) {
            throw new RpcException(Fault.AUTH_ERROR, "login", "login, password: no such user with this password");
        }
        return owner;
    }

    Sessions sessions() {
        return sessions;
    }
}
