package io.callcontrol.face.novofon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.control.CallControl;
import io.callcontrol.dial.Dialer;
import io.callcontrol.storage.History;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one JSON-RPC request of the face: refuses what the face does not serve, authenticates the access token,
 * charges the caller's budgets, runs the method. Blocks (JDBC, AMI): runs on an HTTP worker, never an event loop.
 */
final class NovofonApi {

    private static final Logger log = LoggerFactory.getLogger(NovofonApi.class);

    private final Credentials credentials;
    private final Budgets budgets;
    private final AuthMethods auth;
    private final CallMethods calls;
    private final ControlCalls control;

    NovofonApi(Credentials credentials, Budgets budgets, Dialer dialer, History history, CallControl control) {
        this.credentials = credentials;
        this.budgets = budgets;
        this.auth = new AuthMethods(credentials);
        this.calls = new CallMethods(dialer, history);
        this.control = new ControlCalls(control);
    }

    /** The whole JSON-RPC answer to {@code request}. */
    ObjectNode answer(Envelope request) {
        ObjectNode limits = JsonNodeFactory.instance.objectNode();
        try {
            RpcException refused = Methods.refusal(request.method());
            if (refused != null) {
                throw refused;
            }
            Params params = new Params(request.params());
            if ("login.user".equals(request.method())) {
                String user = auth.user(params);
                limits = budgets.charge(Credentials.Caller.user(user));
                return Replies.result(request.id(), AuthMethods.loggedIn(auth.open(user)), limits);
            }
            String token = params.requiredText("access_token");
            limits = budgets.charge(credentials.caller(token));
            return Replies.result(request.id(), run(request.method(), params, token), limits);
        } catch (RpcException e) {
            return Replies.error(request.id(), e, limits);
        } catch (Budgets.Spent e) {
            return Replies.error(request.id(), e.error, e.limits);
        } catch (RuntimeException e) {
            log.error("Novofon face: {} failed", request.method(), e);
            return Replies.error(request.id(), new RpcException(Fault.INTERNAL_ERROR, null,
                    "internal error; the daemon's log has the details"), limits);
        }
    }

    private JsonNode run(String method, Params params, String token) throws RpcException {
        return switch (method) {
            case "logout.user" -> auth.logout(params, token);
            case "start.employee_call" -> calls.startEmployeeCall(params);
            case "release.call" -> calls.releaseCall(params);
            case "list.calls" -> calls.listCalls(params);
            case "disconnect.leg" -> control.disconnectLeg(params);
            case "send.dtmf" -> control.sendDtmf(params);
            case "add.coach" -> control.addCoach(params);
            default -> throw new IllegalStateException("served but not run: " + method);
        };
    }
}
