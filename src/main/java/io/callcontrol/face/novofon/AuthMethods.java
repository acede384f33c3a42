package io.callcontrol.face.novofon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.callcontrol.face.Sessions;
import java.util.Set;

/** login.user and logout.user: one-hour sessions for the logins of novofon.users. */
final class AuthMethods {

    static final Set<String> LOGIN_PARAMS = Set.of("login", "password");
    static final Set<String> LOGOUT_PARAMS = Set.of("access_token");

    private final Credentials credentials;

    AuthMethods(Credentials credentials) {
        this.credentials = credentials;
    }

    /** Checks the login and password; the user they are, whose budgets the login is charged to. */
    String user(Params p) throws RpcException {
        p.only(LOGIN_PARAMS);
        return credentials.user(p.requiredText("login"), p.requiredText("password"));
    }

    /** Opens the user's session: only once the login was charged, so a refused login leaves no session behind. */
    Sessions.OpenSession open(String user) throws RpcException {
        Sessions.OpenSession session = credentials.sessions().open(user);
        if (session == null) {
            throw new RpcException(Fault.INTERNAL_ERROR, null, "too many sessions are open; retry later");
        }
        return session;
    }

    /** The answer to login.user: the token and when it expires. */
    static JsonNode loggedIn(Sessions.OpenSession session) {
        return JsonNodeFactory.instance.objectNode()
                .put("access_token", session.token())
                .put("expire_at", CallView.TIME.format(session.session().expiresAt()));
    }

    /** Ends the session of the token; a permanent key cannot be logged out. */
    JsonNode logout(Params p, String token) throws RpcException {
        p.only(LOGOUT_PARAMS);
        if (!credentials.sessions().close(token)) {
            throw new RpcException(Fault.ACCESS_TOKEN_INVALID, "access_token",
                    "access_token: logout.user ends a session of login.user; a permanent key stays valid");
        }
        return JsonNodeFactory.instance.objectNode();
    }
}
