package io.callcontrol.face.callkeeper;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.config.CallkeeperConfig;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.schedule.ScheduleRecord;
import io.callcontrol.schedule.ScheduleRequest;
import io.callcontrol.schedule.Schedules;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * makeCalls and orderCall: each call is a scheduled call of the daemon (the one scheduler: durable, placed when
 * due, within its opening hours, retried by its interval), operator first; its {@code id} is the schedule's id.
 * Every call of a request is validated before any is stored, so bad input stores nothing.
 */
final class Orders {

    /** The order every call of the face is kept under: the statistics read them back from it. */
    static final String ORDER = "callkeeper";
    private static final Pattern UNIQUE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern OFFICE = Pattern.compile("[0-9]{1,2}");
    /** What the daemon cannot do: played messages. Refused when given, so that nothing is silently left out. */
    private static final List<String> IVR = List.of("text_to_manager", "info_to_manager", "record_to_manager",
            "record_to_await");

    private record Order(CallRequest call, String manager, String client, String timeToCall, String interval,
                         String hours, String zone) {
    }

    private final CallkeeperConfig config;
    private final Keys keys;
    private final Schedules schedules;
    private final Clock clock;

    Orders(CallkeeperConfig config, Keys keys, Schedules schedules, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.schedules = schedules;
        this.clock = clock;
    }

    /** makeCalls: the calls of {@code calls[N][...]}, with the request's common parameters. */
    ArrayNode makeCalls(Query q) throws Fail {
        authenticate(q);
        List<Order> orders = new ArrayList<>();
        for (Query call : q.calls()) {
            orders.add(order(call, q));
        }
        return place(orders);
    }

    /** orderCall: one call, its parameters flat. */
    ArrayNode orderCall(Query q) throws Fail {
        authenticate(q);
        return place(List.of(order(q, q)));
    }

    private void authenticate(Query q) throws Fail {
        if (!UNIQUE.matcher(q.required("unique")).matches()) {
            throw Fail.wrongType("unique: letters and digits only");
        }
        String apiak = q.required("apiak");
        if (q.text("whash") == null && q.text("walias") == null) {
            throw new Fail(400, "Key 'whash' and 'walias' are not defined!", null);
        }
        keys.check(apiak);
    }

    /** One call's order: its own parameters first, the request's common ones (utc, opening_hours) after. */
    private Order order(Query call, Query common) throws Fail {
        for (String name : IVR) {
            if (call.text(name) != null || common.text(name) != null) {
                throw Fail.notServed(name + ": not served here: nothing is played to the manager");
            }
        }
        String client = client(call.text("client"));
        String sip = manager(call.text("manager"));
        String interval = first(call, common, "interval");
        String hours = hours(first(call, common, "opening_hours"));
        String utc = first(call, common, "utc");
        String zone = utc == null ? null : Zones.iana(utc);
        try {
            CallRequest request = CallRequest.of(sip, client, ORDER, "callkeeper-" + UUID.randomUUID());
            return new Order(request, sip, client, first(call, common, "time_to_call"), interval, hours, zone);
        } catch (CallRefusedException e) {
            throw Fail.manager(e.getMessage().replace("sip:", "manager:").replace("phone:", "client:"));
        }
    }

    private static String first(Query call, Query common, String name) {
        return call.text(name) != null ? call.text(name) : common.text(name);
    }

    private static String client(String client) throws Fail {
        if (client == null) {
            throw Fail.phone("client: is required");
        }
        if (client.contains("^")) {
            throw Fail.phone("client: the client's number cannot have an extension");
        }
        String digits = CallkeeperConfig.digits(client);
        if (!digits.matches("[0-9]{3,20}")) {
            throw Fail.phone("client: must have 3 to 20 digits (+, (, ), -, _ and spaces aside)");
        }
        return digits;
    }

    /** The operator rung: office N of callkeeper.offices, an extension after '^', or a number of the table. */
    private String manager(String manager) throws Fail {
        if (manager == null) {
            return config.offices().get(0);
        }
        if (OFFICE.matcher(manager).matches()) {
            int office = Integer.parseInt(manager);
            if (office >= config.offices().size()) {
                throw Fail.manager("manager: there is no office " + office + "; callkeeper.offices has "
                        + config.offices().size() + " (numbered from 0)");
            }
            return config.offices().get(office);
        }
        int hat = manager.indexOf('^');
        String extension = hat < 0 ? "" : manager.substring(hat + 1);
        if (!extension.isEmpty() && !extension.equals("_")) {
            return extension;
        }
        String sip = config.managers().get(CallkeeperConfig.digits(hat < 0 ? manager : manager.substring(0, hat)));
        if (sip == null) {
            throw Fail.manager("manager: no operator answers this number; callkeeper.managers lists them");
        }
        return sip;
    }

    /** CallKeeper's 8 or 56 digits as the schedule's hours: one window, or seven, 00000000 a closed day. */
    static String hours(String openingHours) throws Fail {
        if (openingHours == null) {
            return null;
        }
        if (openingHours.matches("[0-9]{8}")) {
            return openingHours;
        }
        if (!openingHours.matches("[0-9]{56}")) {
            throw Fail.wrongType("opening_hours: must be 8 digits (HHMMHHMM, every day) or 56 (Monday to Sunday)");
        }
        List<String> days = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            String window = openingHours.substring(day * 8, day * 8 + 8);
            days.add(window.equals("00000000") ? "0" : window);
        }
        return String.join(",", days);
    }

    /** Stores each call; one the store could not take is answered as failed, the others stand. */
    private ArrayNode place(List<Order> orders) throws Fail {
        validate(orders);
        ArrayNode answer = JsonNodeFactory.instance.arrayNode();
        for (Order order : orders) {
            ObjectNode entry = answer.addObject();
            try {
                ScheduleRecord scheduled = schedule(order);
                entry.put("id", Long.toString(scheduled.scheduleId())).put("manager", order.manager())
                        .put("client", order.client()).put("status", "success");
            } catch (CallRefusedException e) {
                entry.putNull("id").put("manager", order.manager()).put("client", order.client())
                        .put("status", "fail").put("reason", e.getMessage());
            }
        }
        return answer;
    }

    private ScheduleRecord schedule(Order order) throws CallRefusedException {
        return schedules.schedule(order.call(), order.timeToCall(), order.interval(), order.hours(), order.zone());
    }

    /** The scheduling parameters of every call checked by the schedule's own rules before any call is stored. */
    private void validate(List<Order> orders) throws Fail {
        for (Order order : orders) {
            try {
                ScheduleRequest.of(order.timeToCall(), order.interval(), order.hours(), order.zone(), ZoneOffset.UTC,
                        clock.instant());
            } catch (CallRefusedException e) {
                throw Fail.wrongType(e.getMessage().replace("hours:", "opening_hours:").replace("tz:", "utc:"));
            }
        }
    }
}
