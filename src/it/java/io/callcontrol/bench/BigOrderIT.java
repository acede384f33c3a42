package io.callcontrol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callcontrol.config.Config;
import io.callcontrol.storage.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One order of {@value #CALLS} calls ({@value #EVENTS_PER_CALL} events and one recording each) in the store, the
 * packaged daemon under {@code -Xmx256m} as users run it, and {@value #CLIENTS} callers asking its history and
 * recordings at once, over and over: every answer must be a whole, right page and the daemon must live on.
 * Reading such an order whole (what the API did before its pages) ran the heap out. AMI is down: the reads do not
 * need Asterisk.
 */
class BigOrderIT {

    static final String ORDER = "big-1";
    static final int CALLS = 50_000;
    static final int EVENTS_PER_CALL = 6;
    static final int EVENTS = CALLS * EVENTS_PER_CALL;
    static final int CLIENTS = 16;
    static final int ROUNDS = 3;
    static final int EVENT_PAGE = 1000;
    static final int CALL_PAGE = 500;
    private static final String[] CHAIN = {"CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO",
        "CLIENT_PICKUP", "FINISH"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void parallelReadsOfAHugeOrderAnswerWholePagesInA256MbHeap() throws Exception {
        Path store = dir.resolve("store");
        generate(store);
        BenchOptions options = new BenchOptions(true, Path.of(System.getProperty("callcontrol.jar",
                "target/callcontrol.jar")).toAbsolutePath(), dir, false, dir.resolve("cache"), BenchStore.SQLITE);
        try (DaemonProcess daemon = DaemonProcess.start(options, dir.resolve("daemon"), Map.of(
                "data.dir", store.toString(), "ami.port", Integer.toString(DaemonProcess.freePort()),
                "agi.port", Integer.toString(DaemonProcess.freePort()),
                "recordings.dir", dir.toString()), List.of())) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> answers = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    answers.add(pool.submit(() -> {
                        for (int round = 0; round < ROUNDS; round++) {
                            askAndCheck(client, daemon.base());
                        }
                        return null;
                    }));
                }
                for (Future<?> answer : answers) {
                    try {
                        answer.get();
                    } catch (ExecutionException e) {
                        throw new AssertionError(e.getCause().getMessage() + "\nthe daemon's log ends:\n"
                                + DaemonProcess.tail(daemon.log()), e.getCause());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(daemon.logLines("OutOfMemoryError")).isZero();
            HttpResponse<String> after = get(client, daemon.base() + "/api/sipList.json");
            assertThat(after.statusCode()).isEqualTo(200);
            // degraded only because no Asterisk listens: the store and FastAGI are as before the reads
            JsonNode health = JSON.readTree(get(client, daemon.base() + "/health").body());
            assertThat(health.get("status").asText()).isEqualTo("degraded");
            assertThat(health.get("ami_connected").asBoolean()).isFalse();
            assertThat(health.get("store_writable").asBoolean()).isTrue();
            assertThat(health.get("agi_listening").asBoolean()).isTrue();
        }
    }

    /** Each method once, from the start and from a cursor somewhere in the order. */
    private static void askAndCheck(HttpClient client, String base) throws Exception {
        long afterEvent = ThreadLocalRandom.current().nextLong(EVENTS);
        checkFlat(json(client, base + "/api/orderHistory.json?order_id=" + ORDER), 0);
        checkFlat(json(client, base + "/api/orderHistory.json?order_id=" + ORDER + "&after_id=" + afterEvent),
                afterEvent);
        checkGrouped(json(client, base + "/api/orderHistory.json?group_by_call=1&order_id=" + ORDER), 0);
        checkGrouped(json(client, base + "/api/orderHistory.json?group_by_call=1&order_id=" + ORDER
                + "&after_id=" + afterEvent), afterEvent);
        long afterCall = ThreadLocalRandom.current().nextLong(CALLS);
        checkRecords(json(client, base + "/api/orderRecords.json?order_id=" + ORDER), 0);
        checkRecords(json(client, base + "/api/orderRecords.json?order_id=" + ORDER + "&after_id=" + afterCall),
                afterCall);
    }

    /** Event ids run 1..EVENTS in the order generated: event n is step (n-1) % 6 of call (n-1) / 6 + 1. */
    private static void checkFlat(JsonNode page, long after) {
        JsonNode history = page.get("history");
        long expected = Math.min(EVENT_PAGE, EVENTS - after);
        assertThat(history.size()).as("events after %d", after).isEqualTo(expected);
        for (int i = 0; i < history.size(); i++) {
            checkEvent(history.get(i), after + 1 + i);
        }
        checkContinuation(page, after + expected, after + expected < EVENTS);
    }

    private static void checkGrouped(JsonNode page, long after) {
        long id = after + 1;
        long previousCall = 0;
        for (JsonNode call : page.get("calls")) {
            assertThat(call.get("call_id").asLong()).isGreaterThan(previousCall);
            previousCall = call.get("call_id").asLong();
            for (JsonNode event : call.get("history")) {
                assertThat(event.get("call_id").asLong()).isEqualTo(previousCall);
                checkEvent(event, id++);
            }
        }
        long last = id - 1;
        assertThat(last - after).as("grouped events after %d", after).isEqualTo(Math.min(EVENT_PAGE, EVENTS - after));
        checkContinuation(page, last, last < EVENTS);
    }

    private static void checkEvent(JsonNode event, long id) {
        assertThat(event.get("id").asLong()).isEqualTo(id);
        assertThat(event.get("call_id").asLong()).isEqualTo((id - 1) / EVENTS_PER_CALL + 1);
        assertThat(event.get("order_id").asText()).isEqualTo(ORDER);
        assertThat(event.get("status").asText()).isEqualTo(CHAIN[(int) ((id - 1) % EVENTS_PER_CALL)]);
    }

    private static void checkRecords(JsonNode page, long after) {
        JsonNode calls = page.get("calls");
        long expected = Math.min(CALL_PAGE, CALLS - after);
        assertThat(calls.size()).as("calls after %d", after).isEqualTo(expected);
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            long callId = after + 1 + i;
            assertThat(call.get("call_id").asLong()).isEqualTo(callId);
            assertThat(call.get("status").asText()).isEqualTo("FINISH");
            assertThat(call.get("records")).hasSize(1);
            assertThat(call.get("records").get(0).get("call_id").asLong()).isEqualTo(callId);
            assertThat(call.get("records").get(0).get("file").asText()).isEqualTo(ORDER + "/" + callId + ".wav");
        }
        checkContinuation(page, after + expected, after + expected < CALLS);
    }

    private static void checkContinuation(JsonNode page, long last, boolean more) {
        if (more) {
            assertThat(page.get("has_more").asBoolean()).isTrue();
            assertThat(page.get("next_after_id").asLong()).isEqualTo(last);
        } else {
            assertThat(page.has("has_more")).isFalse();
            assertThat(page.has("next_after_id")).isFalse();
        }
    }

    private static JsonNode json(HttpClient client, String url) throws Exception {
        HttpResponse<String> response = get(client, url);
        assertThat(response.statusCode()).as(url + ": " + abbreviated(response.body())).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    /** The daemon's schema, then the order's rows in one transaction without journal (a test store). */
    private static void generate(Path store) throws Exception {
        Database.open(Config.from(Map.of("data.dir", store.toString())).storage()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.resolve("callcontrol.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
            }
            c.setAutoCommit(false);
            try (PreparedStatement call = c.prepareStatement("INSERT INTO calls (id, external_key, order_id, sip,"
                    + " phone, channel_id, status, created_at, updated_at, ended_at)"
                    + " VALUES (?, ?, ?, '1001', '380631234567', ?, 'FINISH', ?, ?, ?)");
                 PreparedStatement event = c.prepareStatement("INSERT INTO call_events (call_id, order_id, status,"
                         + " at, detail) VALUES (?, ?, ?, ?, 'DIALSTATUS=ANSWER; some detail as Asterisk gives')");
                 PreparedStatement recording = c.prepareStatement("INSERT INTO recordings (call_id, order_id, file,"
                         + " size_bytes, duration_ms, created_at) VALUES (?, ?, ?, 48044, 3000, ?)")) {
                for (long id = 1; id <= CALLS; id++) {
                    long at = 1_760_000_000_000L + id * 20_000;
                    call.setLong(1, id);
                    call.setString(2, "crm-" + id);
                    call.setString(3, ORDER);
                    call.setString(4, "cc-" + id);
                    call.setLong(5, at);
                    call.setLong(6, at + 12_000);
                    call.setLong(7, at + 12_000);
                    call.addBatch();
                    for (int step = 0; step < EVENTS_PER_CALL; step++) {
                        event.setLong(1, id);
                        event.setString(2, ORDER);
                        event.setString(3, CHAIN[step]);
                        event.setLong(4, at + 2_000L * step);
                        event.addBatch();
                    }
                    call.executeBatch();
                    event.executeBatch();
                }
                // after all events: whether recordings share the events' id sequence or not, events run 1..EVENTS
                for (long id = 1; id <= CALLS; id++) {
                    recording.setLong(1, id);
                    recording.setString(2, ORDER);
                    recording.setString(3, ORDER + "/" + id + ".wav");
                    recording.setLong(4, 1_760_000_000_000L + id * 20_000 + 12_000);
                    recording.addBatch();
                }
                recording.executeBatch();
            }
            c.commit();
        }
    }
}
