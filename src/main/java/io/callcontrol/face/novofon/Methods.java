package io.callcontrol.face.novofon;

import java.util.Map;

/**
 * Every method of the contract and what the face does with it: serves it, or refuses it with the contract's error
 * for what the daemon cannot do. A name the contract does not have is {@code method_not_found} too.
 */
final class Methods {

    /** The contract's components, as its table names them for clients. */
    static final String CALL_MANAGEMENT = "Call API Управление вызовами";
    static final String INFORMER = "Call API Информационный вызов";
    static final String SCENARIO = "Call API Вызов сценария";

    /** What becomes of a method: served, or refused (with the component named when it is disabled). */
    record Route(boolean served, Fault refusal, String component) {

        static Route serve() {
            return new Route(true, null, null);
        }

        static Route disabled(String component) {
            return new Route(false, Fault.COMPONENT_DISABLED, component);
        }

        static Route notAvailable() {
            return new Route(false, Fault.METHOD_NOT_FOUND, null);
        }
    }

    static final Map<String, Route> ROUTES = Map.ofEntries(
            Map.entry("login.user", Route.serve()),
            Map.entry("logout.user", Route.serve()),
            Map.entry("start.employee_call", Route.serve()),
            Map.entry("release.call", Route.serve()),
            Map.entry("list.calls", Route.serve()),
            Map.entry("disconnect.leg", Route.serve()),
            Map.entry("send.dtmf", Route.serve()),
            Map.entry("add.coach", Route.serve()),
            // The base component without virtual numbers: the daemon places operator and client calls only.
            Map.entry("start.vnumber_call", Route.notAvailable()),
            Map.entry("start.simple_call", Route.notAvailable()),
            Map.entry("start.informer_call", Route.disabled(INFORMER)),
            Map.entry("start.scenario_call", Route.disabled(SCENARIO)),
            // Call control the daemon does not have yet.
            Map.entry("make.call", Route.disabled(CALL_MANAGEMENT)),
            Map.entry("transfer.talk", Route.disabled(CALL_MANAGEMENT)),
            Map.entry("restore.talk", Route.disabled(CALL_MANAGEMENT)),
            Map.entry("hold.call", Route.disabled(CALL_MANAGEMENT)),
            Map.entry("unhold.call", Route.disabled(CALL_MANAGEMENT)),
            Map.entry("tag.call", Route.disabled(CALL_MANAGEMENT)),
            Map.entry("record.call", Route.disabled(CALL_MANAGEMENT)),
            Map.entry("block.contact", Route.disabled(CALL_MANAGEMENT)),
            Map.entry("call.talk_option", Route.disabled(CALL_MANAGEMENT)),
            Map.entry("list.talk_options", Route.disabled(CALL_MANAGEMENT)));

    private Methods() {
    }

    /** The refusal of a method the face does not serve; null for one it serves. */
    static RpcException refusal(String method) {
        Route route = ROUTES.get(method);
        if (route == null) {
            return new RpcException(Fault.METHOD_NOT_FOUND, "method",
                    "method: '" + shorten(method) + "' is not a method of the Call API");
        }
        if (route.served()) {
            return null;
        }
        if (route.refusal() == Fault.COMPONENT_DISABLED) {
            return new RpcException(Fault.COMPONENT_DISABLED, "method", "method: " + method + " is not available"
                    + " here yet; see the face's method table", Map.of("component_name", route.component()));
        }
        return new RpcException(Fault.METHOD_NOT_FOUND, "method",
                "method: " + method + " is not available here: the daemon has no virtual numbers");
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
