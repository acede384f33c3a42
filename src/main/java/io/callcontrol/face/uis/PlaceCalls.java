package io.callcontrol.face.uis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.callcontrol.config.UisConfig;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * place_calls over the daemon's one dialer: {@code numc} (the office side) is the operator found in uis.operators,
 * {@code numa} (the visitor) the client, {@code first_call} which is rung first. What the daemon cannot do is
 * refused as Invalid params naming it, before anything is placed; the rest is makeCall's {@link CallRequest}, which
 * alone decides whether the numbers are valid.
 */
final class PlaceCalls {

    /** The order the face's calls are kept under: orderHistory("uis") reads them back. */
    static final String ORDER = "uis";
    static final Set<String> PARAMS = Set.of("session_key", "first_call", "switch_at_once", "media_file", "is_queue",
            "queue_timeout", "use_numb_as_numa", "is_use_numb_as_numa", "numa", "numa_message", "numb", "numc",
            "numc_message");
    /** makeCall's parameters under the contract's names. */
    private static final Map<String, String> NAMES = Map.of("sip", "numc", "phone", "numa");
    private static final Map<String, String> FIRST = Map.of("numc", "operator", "numa", "client");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,20}");
    /** Parameters the daemon has no means for: each is refused when given (not null). */
    private static final Map<String, String> REFUSED = Map.of(
            "media_file", "the first party hears the ringing of the second; no other music is played",
            "numa_message", "no message is played to the parties",
            "numc_message", "no message is played to the parties",
            "queue_timeout", "calls are not queued (is_queue is not served)");

    private final Map<String, String> operators;
    private final Dialer dialer;

    PlaceCalls(UisConfig config, Dialer dialer) {
        this.operators = config.operators();
        this.dialer = dialer;
    }

    /** Places the call; the contract's answer, {@code "success"}. */
    JsonNode place(Params p) throws UisException {
        p.only(PARAMS);
        String first = first(p.requiredText("first_call"));
        p.requiredBool("switch_at_once"); // no message is played: the second leg is dialled as the first answers
        refuseUnserved(p);
        p.bool("use_numb_as_numa"); // the caller id is the dialplan's to set, whatever is asked
        p.bool("is_use_numb_as_numa");
        String numa = p.requiredText("numa");
        String numb = p.requiredText("numb");
        if (!NUMBER.matcher(numb).matches()) {
            throw Params.invalid("numb: must be the service number in international format, 3 to 20 digits");
        }
        String sip = operator(p);
        try {
            dialer.makeCall(CallRequest.of(sip, UisConfig.number(numa), ORDER, "uis-" + UUID.randomUUID(), first));
            return TextNode.valueOf("success");
        } catch (CallRefusedException e) {
            throw refused(e);
        }
    }

    private static String first(String firstCall) throws UisException {
        if ("any".equals(firstCall)) {
            throw Params.invalid("first_call: 'any' (ringing both sides at once) is not served here;"
                    + " use 'numc' (the office first) or 'numa' (the visitor first)");
        }
        String first = FIRST.get(firstCall);
        if (first == null) {
            throw Params.invalid("first_call: must be 'numc' (the office first) or 'numa' (the visitor first)");
        }
        return first;
    }

    private static void refuseUnserved(Params p) throws UisException {
        for (String name : List.of("media_file", "numa_message", "numc_message", "queue_timeout")) {
            if (p.given(name)) {
                throw Params.invalid(name + ": not served here: " + REFUSED.get(name));
            }
        }
        if (Boolean.TRUE.equals(p.bool("is_queue"))) {
            throw Params.invalid("is_queue: true is not served here: calls are not queued");
        }
    }

    /** The operator answering {@code numc}; a group of numbers (a list) is not served. */
    private String operator(Params p) throws UisException {
        JsonNode numc = p.value("numc");
        if (numc != null && numc.isArray()) {
            throw Params.invalid("numc: groups of numbers are not served here; give the office number, a string");
        }
        String number = UisConfig.number(p.requiredText("numc"));
        String sip = operators.get(number);
        if (sip == null) {
            throw Params.invalid("numc: no operator answers this number; uis.operators lists the office numbers");
        }
        return sip;
    }

    /** The core's refusal: a bad number under the contract's name, the core's own trouble an internal error. */
    private static UisException refused(CallRefusedException e) {
        if (e.reason() == CallRefusedException.Reason.INVALID_PARAMETER) {
            String name = NAMES.getOrDefault(e.parameter(), e.parameter());
            return Params.invalid(name + e.getMessage().substring(e.getMessage().indexOf(':')));
        }
        return new UisException(UisError.INTERNAL, "the call was not placed: " + e.getMessage());
    }
}
