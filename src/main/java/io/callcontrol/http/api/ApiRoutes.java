package io.callcontrol.http.api;

import io.callcontrol.control.CallControl;
import io.callcontrol.dial.Dialer;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.push.WebhookStatus;
import io.callcontrol.schedule.Schedules;
import io.callcontrol.stats.TallyStore;
import io.callcontrol.storage.History;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Method names to methods. Names match case-insensitively, ignoring '_' and '-', and the historical aliases. */
public final class ApiRoutes {

    /** A method and its documented name; {@code table}: its answer is a table, so it is also served as CSV. */
    record Route(String name, ApiMethod method, boolean table) {
    }

    private final Map<String, Route> byName = new HashMap<>();
    private final List<String> canonical = new ArrayList<>();

    /**
     * {@code webhooks} tells webhookStatus each target's state; {@code stats} answers callStats; {@code control}
     * the call-control methods.
     */
    public ApiRoutes(History history, Dialer dialer, Schedules schedules, TimeFormat time,
            Supplier<List<WebhookStatus>> webhooks, TallyStore stats, CallControl control) {
        RecordMethods records = new RecordMethods(history, time);
        StatusMethods statuses = new StatusMethods(history, time);
        OperatorMethods operators = new OperatorMethods(history, time, dialer::serverOf);
        ScheduleMethods scheduled = new ScheduleMethods(schedules, time);
        add(new MakeCall(dialer, scheduled), "makeCall");
        add(new ReleaseCall(dialer, history), "releaseCall");
        add(records::recordList, "recordList", "recordsList");
        add(records::orderRecords, "orderRecords");
        add(statuses::orderHistory, "orderHistory");
        add(statuses::callHistory, "callHistory");
        add(new MissedCalls(history, time)::missedCalls, "missedCalls");
        add(operators::sipList, "sipList");
        add(operators::operatorHistory, "operatorHistory");
        add(new WebhookMethods(webhooks, time)::webhookStatus, "webhookStatus");
        add(scheduled::scheduledCalls, "scheduledCalls");
        add(scheduled::cancelCall, "cancelCall");
        addTable(new CallStatsMethod(stats, time.zone()), "callStats");
        ControlMethods controls = new ControlMethods(control, time);
        add(controls::activeCalls, "activeCalls");
        add(controls::hangupLeg, "hangupLeg");
        add(controls::sendDtmf, "sendDtmf");
        add(controls::spyCall, "spyCall");
        add(controls::recordCall, "recordCall");
        add(controls::callActions, "callActions");
    }

    /** The method a URL names ({@code RecordsList}, {@code record_list}...), or null. */
    public Route find(String name) {
        return byName.get(normalize(name));
    }

    /** The methods by their documented names, for the unknown_method message. */
    public String known() {
        return String.join(", ", canonical);
    }

    /** The documented names, one per method. */
    List<String> names() {
        return List.copyOf(canonical);
    }

    /** Registers a method under its documented name, then its aliases. */
    private void add(ApiMethod method, String name, String... aliases) {
        add(new Route(name, method, false), aliases);
    }

    /** A method whose answer is a {@link io.callcontrol.http.render.Table}: JSON, XML and CSV. */
    private void addTable(ApiMethod method, String name) {
        add(new Route(name, method, true));
    }

    private void add(Route route, String... aliases) {
        String name = route.name();
        canonical.add(name);
        byName.put(normalize(name), route);
        for (String alias : aliases) {
            byName.put(normalize(alias), route);
        }
    }

    private static String normalize(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
