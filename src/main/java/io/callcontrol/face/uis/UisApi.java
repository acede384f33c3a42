package io.callcontrol.face.uis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.config.UisConfig;
import io.callcontrol.dial.Dialer;
import io.callcontrol.face.Sessions;
import io.callcontrol.http.access.ApiKeys;
import io.callcontrol.http.guard.RateLimiter;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request of the face: {@code authenticate} opens a one-hour session for a login of uis.users,
 * {@code place_calls} needs a live session key; each request is charged to its login's budgets. Blocks (JDBC, AMI):
 * runs on an HTTP worker, never an event loop.
 */
final class UisApi {

    /** A session key's random bytes: 40 hex digits, as the contract's keys. */
    static final int KEY_BYTES = 20;
    static final Set<String> AUTHENTICATE_PARAMS = Set.of("login", "password");

    private static final Logger log = LoggerFactory.getLogger(UisApi.class);

    private final ApiKeys users;
    private final Sessions sessions;
    private final RateLimiter budgets;
    private final PlaceCalls placeCalls;

    UisApi(UisConfig config, Dialer dialer, Clock clock) {
        this.users = new ApiKeys(config.users());
        this.sessions = new Sessions(clock, KEY_BYTES);
        this.budgets = new RateLimiter(config.ratePerMinute(), config.ratePerDay(), clock);
        this.placeCalls = new PlaceCalls(config, dialer);
    }

    /** The whole answer to {@code request}. */
    ObjectNode answer(Envelope request) {
        try {
            return Replies.result(request.id(), run(request.method(), new Params(request.params())));
        } catch (UisException e) {
            return Replies.error(request.id(), e);
        } catch (RuntimeException e) {
            log.error("UIS face: {} failed", request.method(), e);
            return Replies.error(request.id(), new UisException(UisError.INTERNAL,
                    "internal error; the daemon's log has the details"));
        }
    }

    private JsonNode run(String method, Params params) throws UisException {
        return switch (method) {
            case "authenticate" -> authenticate(params);
            case "place_calls" -> {
                charge(user(params.requiredText("session_key")));
                yield placeCalls.place(params);
            }
            default -> throw new UisException(UisError.METHOD_NOT_FOUND, "method: the Call API has"
                    + " authenticate and place_calls");
        };
    }

    private JsonNode authenticate(Params p) throws UisException {
        p.only(AUTHENTICATE_PARAMS);
        String login = p.requiredText("login");
        String owner = users.nameOf(p.requiredText("password"));
        if (owner == null || !owner.equals(login)) {
            throw new UisException(UisError.PERMISSION_DENIED, "login, password: no such user with this password");
        }
        charge(login); // before the session opens: a login refused for its budget leaves none behind
        Sessions.OpenSession session = sessions.open(login);
        if (session == null) {
            throw new UisException(UisError.INTERNAL, "too many sessions are open; retry later");
        }
        return JsonNodeFactory.instance.objectNode().put("session_key", session.token());
    }

    /** The login of a live session key. */
    private String user(String sessionKey) throws UisException {
        return switch (sessions.state(sessionKey)) {
            case LIVE -> sessions.user(sessionKey);
            case EXPIRED -> throw new UisException(UisError.SESSION_EXPIRED,
                    "session_key: the session has ended (keys live one hour); authenticate again");
            case UNKNOWN -> throw new UisException(UisError.AUTHENTICATION, "Invalid session key");
        };
    }

    private void charge(String login) throws UisException {
        RateLimiter.Decision decision = budgets.take("user '" + login + "'");
        if (!decision.allowed()) {
            boolean day = decision.spent() == RateLimiter.Budget.DAY;
            throw new UisException(UisError.LIMIT_EXCEEDED, "user '" + login + "' has spent its "
                    + (day ? decision.dayLimit() + " requests per day" : decision.minuteLimit() + " requests per minute")
                    + "; retry in " + decision.retryAfterSeconds() + " s");
        }
    }
}
