package io.callcontrol.face.prostiezvonki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.call.CallRecord;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands a connected operator sends: {@code call} places an operator-first call from the operator to
 * {@code phone} through makeCall's request (its validation, the one dialer), under order {@code prostiezvonki};
 * {@code transfer} and {@code sms} are refused, the daemon can do neither. Each is answered by a {@code result}
 * message in the Prostiezvonki status shape ({@code result} ok or error, {@code text} why).
 */
final class Commands {

    /** The order of the calls placed through the face. */
    static final String ORDER = "prostiezvonki";
    static final String TRANSFER_REFUSED = "transfer is not available: the daemon cannot transfer calls yet;"
            + " nothing was sent to Asterisk";
    static final String SMS_REFUSED = "sms is for the Android integration only: the daemon sends no SMS";

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private final Dialer dialer;
    private final Executor workers;

    Commands(Dialer dialer, Executor workers) {
        this.dialer = dialer;
        this.workers = workers;
    }

    /** Runs {@code command} of {@code operator}; its answer goes to {@code reply} (at once, or from a worker). */
    void run(String operator, String command, JsonNode message, Consumer<ObjectNode> reply) {
        switch (command) {
            case "call" -> call(operator, message.get("phone"), reply);
            case "transfer" -> reply.accept(error(command, TRANSFER_REFUSED));
            case "sms" -> reply.accept(error(command, SMS_REFUSED));
            case "connect" -> reply.accept(error(command, "already connected as " + operator));
            default -> reply.accept(error(null, "unknown command; the commands are call, transfer and sms"));
        }
    }

    private void call(String operator, JsonNode phone, Consumer<ObjectNode> reply) {
        // A number as a page may pass it (pz.call(79991234567)) is its digits; makeCall's rule decides the rest.
        String number = phone == null ? null : phone.isTextual() ? phone.asText()
                : phone.isIntegralNumber() ? phone.bigIntegerValue().toString() : "";
        try {
            workers.execute(() -> reply.accept(place(operator, number)));
        } catch (RejectedExecutionException e) {
            reply.accept(error("call", "too many requests in progress; retry shortly"));
        }
    }

    private ObjectNode place(String operator, String phone) {
        try {
            CallRecord call = dialer.makeCall(CallRequest.of(operator, phone, ORDER, ORDER + "-" + UUID.randomUUID()));
            return result("call", "ok").put("callID", Long.toString(call.callId()));
        } catch (CallRefusedException e) {
            return error("call", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Prostiezvonki face: a call failed", e);
            return error("call", "the call was not placed: the daemon's log has the details");
        }
    }

    /** A message of the face: {@code {"message": kind}}. */
    static ObjectNode message(String kind) {
        return JsonNodeFactory.instance.objectNode().put("message", kind);
    }

    /** The refusal of {@code command} (null when the command is not known), as the seed's {result, text}. */
    static ObjectNode error(String command, String text) {
        return result(command, "error").put("text", text);
    }

    private static ObjectNode result(String command, String result) {
        return message("result").put("command", command).put("result", result);
    }
}
