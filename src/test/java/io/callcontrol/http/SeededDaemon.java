package io.callcontrol.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.Daemon;
import io.callcontrol.ami.AmiReplayServer;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Direction;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusChange;
import io.callcontrol.config.Config;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Database;
import io.callcontrol.storage.InboundStore;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole daemon in this JVM over a real SQLite store seeded with one finished call of order 15 (call 1, with a
 * recording, {@code /recordings/1.wav}) and three operators (1000 online, 1001 offline, 1002 in use), logged in to
 * a loopback AMI server that accepts every action, so makeCall places calls and releaseCall hangs them up, and
 * with one webhook target where nobody listens, so webhookStatus has a target to tell of. The target is sent the
 * events from the daemon's start on, and after a failed delivery is retried an hour later only, so that what
 * webhookStatus tells changes only when a test causes an event. Its API needs the key {@link #KEY}.
 * A test class registers it ({@code @RegisterExtension static final SeededDaemon daemon = new SeededDaemon();}):
 * it starts before the class's tests and stops after them.
 */
final class SeededDaemon implements BeforeAllCallback, AfterAllCallback {

    static final String KEY = "contract-test-key-0123456789";
    /** The X-API-Key header with {@link #KEY}, for ApiClient's header arguments. */
    static final String[] AUTH = {"X-API-Key", KEY};
    static final int MAX_REQUEST_BYTES = 4096;

    private Path dir;
    private Daemon daemon;
    private AmiReplayServer ami;
    private ApiClient client;
    private long startedSchedule;
    /** The calls Asterisk was asked to originate: "dial string!channel id". */
    private final List<String> originated = new CopyOnWriteArrayList<>();

    /** A client of the seeded daemon. */
    ApiClient client() {
        return client;
    }

    /** A folder of its own for the test class, deleted after it. */
    Path dir() {
        return dir;
    }

    /** Seeds a store in a new folder, starts the daemon on it and waits (bounded) for its AMI login. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("seeded-daemon");
        Path data = dir.resolve("data");
        Path monitor = Files.createDirectories(dir.resolve("monitor"));
        seed(data, monitor);
        ami = AmiReplayServer.start(List.of(), 1).answering(Map.of(
                "originate", action -> {
                    if ("ChanSpy".equalsIgnoreCase(action.get("application"))) {
                        // a supervisor rung to spy: refused on operator 1001's calls, as for their other actions
                        return String.valueOf(action.get("data")).startsWith("PJSIP/1001-")
                                ? "Response: Error\r\nActionID: " + action.get("actionid")
                                        + "\r\nMessage: Originate failed\r\n\r\n"
                                : AmiReplayServer.success("Originate", action.get("actionid"));
                    }
                    originated.add(action.get("channel") + "!" + action.get("channelid"));
                    return AmiReplayServer.success("Originate", action.get("actionid"));
                },
                "coreshowchannels", action -> channels(action.get("actionid")),
                "hangup", SeededDaemon::refusedOnRefusingChannels,
                "playdtmf", SeededDaemon::refusedOnRefusingChannels,
                "mixmonitormute", SeededDaemon::refusedOnOperator1001,
                "stopmixmonitor", SeededDaemon::refusedOnOperator1001,
                "mixmonitor", SeededDaemon::refusedOnOperator1001));
        daemon = daemon(data, monitor, Map.of("ami.port", Integer.toString(ami.port()),
                "webhook.urls", "http://127.0.0.1:" + closedPort() + "/hook",
                "webhook.secret", "seeded-webhook-secret-0123456789",
                "webhook.retry.min", "1h", "webhook.retry.max", "24h", "control.supervisors", "1010-1019"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!daemon.amiConnected()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the daemon did not log in to the AMI replay server in 10 s");
            }
            Thread.sleep(20);
        }
        client = new ApiClient(daemon.httpPort());
    }

    /**
     * A scheduled call of order 15 whose one attempt has started (makeCall with tz only: one attempt, due at once):
     * it lists an attempt, and cancelling it is 409 not_cancellable. Made on the first ask, waited for (10 s at
     * most) until its attempt is placed; its schedule_id.
     */
    long startedSchedule() throws Exception {
        if (startedSchedule != 0) {
            return startedSchedule;
        }
        HttpResponse<byte[]> made = client.get("/api/makeCall.json?sip=1000&phone=380639920000&order_id=15"
                + "&external_key=started-schedule&tz=UTC", AUTH);
        if (made.statusCode() != 200) {
            throw new AssertionError("scheduling refused: " + made.statusCode() + " " + ApiClient.text(made));
        }
        long scheduleId = ApiClient.json(made).get("schedule_id").asLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> list = client.get("/api/scheduledCalls.json?per_page=500", AUTH);
            for (JsonNode item : ApiClient.json(list).get("scheduled_calls")) {
                if (item.get("schedule_id").asLong() == scheduleId && !item.get("attempts").isEmpty()) {
                    startedSchedule = scheduleId;
                    return scheduleId;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("scheduled call " + scheduleId + " was not placed in 10 s");
    }

    /**
     * CoreShowChannels as Asterisk would answer it if every call originated here had its operator and its client
     * talking: for each, the operator's channel (its uniqueid the call's channel id) and a client's on the trunk.
     */
    private String channels(String actionId) {
        String id = "ActionID: " + actionId + "\r\n";
        StringBuilder reply = new StringBuilder("Response: Success\r\n").append(id)
                .append("EventList: start\r\nMessage: Channels will follow\r\n\r\n");
        int n = 0;
        for (String call : originated) {
            String dial = call.substring(0, call.indexOf('!'));
            String channelId = call.substring(call.indexOf('!') + 1);
            // operator 1001's client is on a channel that refuses every action
            String client = dial.equals("PJSIP/1001") ? "PJSIP/refusing-%08x" : "PJSIP/trunk-%08x";
            for (String channel : List.of(dial + String.format("-%08x", ++n), String.format(client, ++n))) {
                reply.append("Event: CoreShowChannel\r\n").append(id).append("Channel: ").append(channel)
                        .append("\r\nChannelState: 6\r\nChannelStateDesc: Up\r\nDuration: 00:00:05\r\n")
                        .append("Uniqueid: ").append(channel.startsWith(dial + "-") ? channelId : "1700." + n)
                        .append("\r\nLinkedid: ").append(channelId).append("\r\n\r\n");
            }
        }
        return reply.append("Event: CoreShowChannelsComplete\r\n").append(id).append("EventList: Complete\r\n")
                .append("ListItems: ").append(n).append("\r\n\r\n").toString();
    }

    /** Asterisk's answer to an action on a channel that is gone, for the refusing channels; Success otherwise. */
    private static String refusedOnRefusingChannels(Map<String, String> action) {
        String channel = action.getOrDefault("channel", "");
        return channel.startsWith("PJSIP/refusing-")
                ? "Response: Error\r\nActionID: " + action.get("actionid") + "\r\nMessage: No such channel\r\n\r\n"
                : AmiReplayServer.success(action.get("action"), action.get("actionid"));
    }

    /**
     * The recording's actions go to a call's originated channel, the operator's here: refused on operator 1001's,
     * as Asterisk refuses them where no MixMonitor runs.
     */
    private static String refusedOnOperator1001(Map<String, String> action) {
        return action.getOrDefault("channel", "").startsWith("PJSIP/1001-")
                ? "Response: Error\r\nActionID: " + action.get("actionid") + "\r\nMessage: Cannot set mute flag\r\n\r\n"
                : AmiReplayServer.success(action.get("action"), action.get("actionid"));
    }

    /** Runs also when beforeAll failed half-way. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (ami != null) {
            ami.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * A daemon over the store in {@code data}: API key {@link #KEY}, rate limits high enough never to be reached
     * (but set, so the answers carry their headers), these overrides last.
     */
    static Daemon daemon(Path data, Path monitor, Map<String, String> overrides) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "data.dir", data.toString(),
                "recordings.dir", monitor.toString(),
                "http.port", "0",
                "agi.port", "0",
                "http.api.keys", "crm:" + KEY,
                "http.max.request.bytes", Integer.toString(MAX_REQUEST_BYTES),
                "http.rate.per.minute", "1000000",
                "http.rate.per.day", "10000000"));
        config.putAll(overrides);
        return Daemon.start(Config.from(config), Clock.systemUTC());
    }

    /** A loopback port nobody listens on, for an AMI that is down. */
    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void seed(Path data, Path monitor) throws Exception {
        try (Database database = Database.open(Config.from(Map.of("data.dir", data.toString())).storage());
             CallStore store = new CallStore(database, Clock.systemUTC())) {
            CallRecord call = store.createCall("1000", "380639920000", "15", "15-first", FirstParty.OPERATOR,
                    Duration.ofSeconds(10)).get();
            store.appendStatuses(call.callId(), call.orderId(), List.of(
                    new StatusChange(CallStatus.OPERATOR_CALLTO, ""),
                    new StatusChange(CallStatus.OPERATOR_PICKUP, ""),
                    new StatusChange(CallStatus.CLIENT_CALLTO, ""),
                    new StatusChange(CallStatus.CLIENT_PICKUP, "DIALSTATUS=ANSWER"),
                    new StatusChange(CallStatus.FINISH, "operator cause 16 (Normal Clearing)"))).get();
            String file = "2026-03-01/15-" + call.callId() + ".wav";
            byte[] audio = new byte[1000];
            Files.write(Files.createDirectories(monitor.resolve("2026-03-01")).resolve(file.substring(11)), audio);
            store.addRecording(call.callId(), call.orderId(), file, audio.length, 62).get();
            store.setOperatorPresence("1000", OperatorStatus.ONLINE, "NOT_INUSE").get();
            store.setOperatorPresence("1001", OperatorStatus.OFFLINE, "UNAVAILABLE").get();
            store.setOperatorPresence("1002", OperatorStatus.INUSE, "INUSE").get();
            // a missed inbound call, after the placed one: the ids the documented examples use stay the same
            InboundStore inbound = new InboundStore(store);
            inbound.create("1700000000.1", Direction.INBOUND, "1002", "380501112233", List.of(
                    new StatusChange(CallStatus.CALL, "call from 380501112233"),
                    new StatusChange(CallStatus.OPERATOR_CALLTO, "ringing operator 1002"))).get();
            inbound.append("1700000000.1", "1002", List.of(new StatusChange(CallStatus.OPERATOR_NOANSWER,
                    "DIALSTATUS=NOANSWER from operator 1002; caller cause 19 (No answer)"))).get();
        }
    }
}
