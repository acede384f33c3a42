package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.testbed.AsteriskTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CRM's page written for the Prostiezvonki JS API, in a real browser (headless Chromium) on the real testbed: it
 * loads the daemon's prostiezvonki.js, connects as the seed's example does, places a call with {@code pz.call()} and
 * receives that real call's events through {@code pz.onEvent()} with the seed's methods and fields; a transfer is
 * refused through {@code pz.onError()}, a wrong password ends in {@code onDisconnect} with 4008.
 */
@ExtendWith(AsteriskTestbed.class)
class ProstiezvonkiBrowserIT {

    private static final String PASSWORD = "pz-browser-password";
    private static final Duration CALL = Duration.ofSeconds(60);

    @RegisterExtension
    static final DaemonOnTestbed DAEMON = new DaemonOnTestbed(Map.of("prostiezvonki.users", "1000:" + PASSWORD));

    @TempDir
    static Path dir;
    static HeadlessChromium browser;

    /** The CRM's page, as it would be written for Prostiezvonki: only the script's and the server's address differ. */
    private static String page(String password) {
        String daemon = "127.0.0.1:" + DAEMON.port();
        return """
                <!doctype html><html><head><meta charset="utf-8">
                <script src="http://%s/prostiezvonki/prostiezvonki.js"></script></head><body>
                <script>
                window.seen = []; window.errors = []; window.closes = []; window.connects = 0;
                pz.onConnect(function () { window.connects++; });
                pz.onDisconnect(function (e) { window.closes.push(e.code + ' ' + e.text); });
                pz.onError(function (e) { window.errors.push(e); });
                pz.onEvent(function (event) {
                    window.seen.push({type: event.type, callID: event.callID, from: event.from, to: event.to,
                        start: event.start, end: event.end, duration: event.duration, direction: event.direction,
                        record: event.record, isOutcoming: event.isOutcoming(),
                        isOutcomingAnswer: event.isOutcomingAnswer(), isHistory: event.isHistory(),
                        isIncoming: event.isIncoming(), isIncomingAnswer: event.isIncomingAnswer(),
                        isTransfer: event.isTransfer(), isSmsSent: event.isSmsSent()});
                });
                window.connected = pz.connect({
                    user_phone: '1000',
                    host: 'ws://%s',
                    client_id: '%s',
                    client_type: 'jsapi'
                });
                </script></body></html>
                """.formatted(daemon, daemon, password);
    }

    @BeforeAll
    static void start() throws Exception {
        browser = new HeadlessChromium(dir.resolve("profile"), 1000, 800);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private static void open(String password) throws Exception {
        Path file = dir.resolve("crm-" + password + ".html");
        Files.writeString(file, page(password));
        browser.navigate(file.toUri().toString());
        browser.awaitTrue("document.readyState === 'complete' && window.connected !== undefined",
                Duration.ofSeconds(15), "the page loads the script and connects");
        assertThat(browser.eval("window.connected").toString()).isEqualTo("{\"result\":\"ok\"}");
    }

    @Test
    void aPageUsingTheServedScriptReceivesTheEventsOfARealCallItPlaced() throws Exception {
        open(PASSWORD);
        browser.awaitTrue("pz.isConnected() && window.connects === 1", Duration.ofSeconds(15), "pz connects");
        assertThat(browser.eval("pz.connect({user_phone: '1000', host: 'ws://127.0.0.1:1',"
                + " client_id: 'x'.repeat(33)}).result").asText()).as("the seed's 32-character limit")
                .isEqualTo("error");
        assertThat(browser.eval("pz.isConnected()").asBoolean()).as("a refused connect leaves the connection")
                .isTrue();

        browser.eval("pz.call('380639920000'); true");
        browser.awaitTrue("window.seen.some(e => e.isHistory)", CALL, "the call's finished event arrives");

        JsonNode seen = browser.eval("window.seen");
        List<Integer> types = new ArrayList<>();
        seen.forEach(e -> types.add(e.get("type").asInt()));
        assertThat(types).as(seen.toString()).containsExactly(8, 16, 4);
        assertThat(seen.get(0).get("isOutcoming").asBoolean()).isTrue();
        assertThat(seen.get(1).get("isOutcomingAnswer").asBoolean()).isTrue();
        assertThat(seen).allSatisfy(e -> {
            assertThat(e.get("from").asText()).isEqualTo("1000");
            assertThat(e.get("to").asText()).isEqualTo("380639920000");
            assertThat(e.get("isIncoming").asBoolean() || e.get("isIncomingAnswer").asBoolean()
                    || e.get("isTransfer").asBoolean() || e.get("isSmsSent").asBoolean()).isFalse();
        });
        String callId = seen.get(0).get("callID").asText();
        JsonNode call = Calls.awaitEnd(DAEMON.daemon(), Long.parseLong(callId), Duration.ofSeconds(5));
        assertThat(Calls.chain(call)).containsExactly("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP", "CLIENT_CALLTO",
                "CLIENT_PICKUP", "FINISH");
        JsonNode finished = seen.get(2);
        assertThat(finished.get("direction").asInt()).isOne();
        assertThat(finished.get("end").asLong()).isGreaterThanOrEqualTo(finished.get("start").asLong());
        assertThat(finished.get("record").asText()).isEqualTo(Calls.awaitRecording(DAEMON.daemon(), "prostiezvonki",
                Long.parseLong(callId)).get("url").asText());

        browser.eval("pz.transfer('" + callId + "', '1001'); true");
        browser.awaitTrue("window.errors.length === 1", Duration.ofSeconds(10), "the transfer is refused");
        JsonNode refused = browser.eval("window.errors[0]");
        assertThat(refused.get("result").asText()).isEqualTo("error");
        assertThat(refused.get("text").asText()).startsWith("transfer is not available");
    }

    @Test
    void aWrongPasswordEndsInOnDisconnectWith4008() throws Exception {
        open("not-the-password");
        browser.awaitTrue("window.closes.length === 1", Duration.ofSeconds(15), "the server closes the connection");
        assertThat(browser.eval("window.closes[0]").asText()).isEqualTo("4008 Ошибка авторизации (4008)");
        assertThat(browser.eval("pz.isConnected() || window.connects > 0").asBoolean()).isFalse();
    }
}
