package io.callcontrol.http;

import io.callcontrol.dial.Dialer;
import io.callcontrol.schedule.Schedules;
import io.callcontrol.storage.History;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Method names to methods. Names match case-insensitively, ignoring '_' and '-', and the historical aliases. */
final class ApiRoutes {

    private final Map<String, ApiMethod> byName = new HashMap<>();
    private final List<String> canonical = new ArrayList<>();

    ApiRoutes(History history, Dialer dialer, TimeFormat time) {
        this(history, dialer, null, time);
    }

    /** With {@code schedules} null, makeCall refuses scheduling and the schedule methods are unknown. */
    ApiRoutes(History history, Dialer dialer, Schedules schedules, TimeFormat time) {
        RecordMethods records = new RecordMethods(history, time);
        StatusMethods statuses = new StatusMethods(history, time);
        OperatorMethods operators = new OperatorMethods(history, time);
        ScheduleMethods scheduled = new ScheduleMethods(schedules, time);
        add(new MakeCall(dialer, scheduled), "makeCall");
        add(records::recordList, "recordList", "recordsList");
        add(records::orderRecords, "orderRecords");
        add(statuses::orderHistory, "orderHistory");
        add(statuses::callHistory, "callHistory");
        add(operators::sipList, "sipList");
        add(operators::operatorHistory, "operatorHistory");
        if (schedules != null) {
            add(scheduled::scheduledCalls, "scheduledCalls");
            add(scheduled::cancelCall, "cancelCall");
        }
    }

    /** The method a URL names ({@code RecordsList}, {@code record_list}...), or null. */
    ApiMethod find(String name) {
        return byName.get(normalize(name));
    }

    /** The methods by their documented names, for the unknown_method message. */
    String known() {
        return String.join(", ", canonical);
    }

    /** Registers a method under its documented name, then its aliases. */
    private void add(ApiMethod method, String name, String... aliases) {
        canonical.add(name);
        byName.put(normalize(name), method);
        for (String alias : aliases) {
            byName.put(normalize(alias), method);
        }
    }

    private static String normalize(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
