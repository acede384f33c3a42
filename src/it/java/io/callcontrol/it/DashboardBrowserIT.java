package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.push.WebhookReceiver;
import io.callcontrol.testbed.AsteriskTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor dashboard in a real browser (headless Chromium) on the real testbed: log in with an API key, see
 * the operators' presence, see an operator go online as its phone registers and offline as it unregisters (live,
 * over the feed), place a call from the form and watch its statuses arrive live over the feed, play its
 * recording, see the webhook target's state change as the CRM's receiver fails and recovers (over the feed, never
 * asked for), ring a supervisor in to listen and release a call from the page. Screenshots of the page, with a call talking and one ended, go to
 * target/dashboard.png and, as a phone shows it, target/dashboard-phone.png.
 */
@ExtendWith(AsteriskTestbed.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final String SECRET = "Sup3rvisor-dashboard-key";
    private static final String WEBHOOK_SECRET = "dashboard-webhook-secret-0123";
    private static final List<String> ANSWERED = List.of("CALL", "OPERATOR_CALLTO", "OPERATOR_PICKUP",
            "CLIENT_CALLTO", "CLIENT_PICKUP", "FINISH");
    private static final Duration CALL = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    @TempDir
    static Path browserDir;
    static RunningDaemon daemon;
    static HeadlessChromium browser;
    static WebhookReceiver crm;

    @BeforeAll
    static void start() throws Exception {
        // Asterisk keeps registrations across its restarts: the registering operator starts unregistered
        OperatorRegistration.unregister();
        // the CRM's webhook receiver refuses until the test lets it accept: the page shows both states as they come
        crm = new WebhookReceiver(WEBHOOK_SECRET);
        crm.mode(WebhookReceiver.Mode.FAIL);
        daemon = new RunningDaemon(data, Map.of("http.api.keys", "supervisor:" + SECRET, "daemon.name", "pbx1",
                "control.supervisors", "1010", "webhook.urls", crm.url(), "webhook.secret", WEBHOOK_SECRET,
                "webhook.retry.min", "100ms", "webhook.retry.max", "1s"));
        daemon.awaitAmi();
        browser = new HeadlessChromium(browserDir.resolve("profile"), 1280, 1000);
        login();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (daemon != null) {
            daemon.close();
        }
        if (crm != null) {
            crm.close();
        }
    }

    private static void login() throws Exception {
        browser.navigate(daemon.base() + "/");
        browser.awaitTrue("location.pathname === '/dashboard/login' && document.readyState === 'complete'",
                Duration.ofSeconds(15), "/ leads to the login page");
        browser.eval("document.getElementById('key').value = '" + SECRET + "';"
                + " document.getElementById('login').submit(); true");
        browser.awaitTrue("location.pathname === '/dashboard'"
                        + " && document.getElementById('live').textContent === 'live'",
                Duration.ofSeconds(15), "the dashboard opens and its feed is live");
        assertThat(browser.eval("document.cookie").asText()).as("the session cookie is HttpOnly").isEmpty();
    }

    @Test
    @Order(1)
    void anOperatorWhoRegistersGoesOnlineLiveAndOfflineWhenItUnregisters() throws Exception {
        String sip = OperatorRegistration.SIP;
        browser.awaitTrue(operator(sip) + "?.dataset.status === 'offline'", Duration.ofSeconds(15),
                "operator " + sip + ", not registered, is shown offline");
        assertThat(presence(sip)).as("sipList").isEqualTo("offline");
        // a mark in this document: had the page reloaded to learn the presence, the mark would be gone
        browser.eval("window.sameDocument = true; true");

        try (OperatorRegistration phone = OperatorRegistration.register()) {
            browser.awaitTrue(operator(sip) + ".dataset.status === 'online'", Duration.ofSeconds(15),
                    "operator " + sip + " is shown online once its phone registered");
            assertThat(browser.eval(operator(sip) + ".querySelector('.presence').textContent").asText())
                    .isEqualTo("online");
            assertThat(presence(sip)).as("sipList agrees with the page").isEqualTo("online");
        }

        browser.awaitTrue(operator(sip) + ".dataset.status === 'offline'", Duration.ofSeconds(15),
                "operator " + sip + " is shown offline once its phone unregistered");
        assertThat(browser.eval(operator(sip) + ".querySelector('.presence').textContent").asText())
                .isEqualTo("offline");
        assertThat(presence(sip)).as("sipList agrees with the page").isEqualTo("offline");
        assertThat(browser.eval("window.sameDocument === true && document.getElementById('live').textContent")
                .asText()).as("the same page, its feed still live: the presence came over the feed").isEqualTo("live");
        List<String> logged = new ArrayList<>();
        daemon.api("operatorHistory", Map.of("sip", sip, "api_key", SECRET)).json().get("history")
                .forEach(e -> logged.add(e.get("status").asText()));
        assertThat(logged).as("operatorHistory of " + sip + ", newest first").startsWith("offline", "online");
    }

    @Test
    @Order(2)
    void aCallPlacedFromTheFormGoesLiveThroughItsStatusesAndItsRecordingPlays() throws Exception {
        browser.awaitTrue(operator("1000") + "?.dataset.status === 'online'", Duration.ofSeconds(15),
                "operator 1000 is shown online");
        assertThat(browser.eval(operator("1003") + "?.dataset.status").asText()).isEqualTo("offline");
        watchRunningCalls();

        long callId = placeCall("1000", "380639920000");

        browser.awaitTrue(recent(callId) + "?.dataset.status === 'FINISH'", CALL, "call " + callId + " ends");
        assertThat(browser.eval(recent(callId) + ".querySelector('.chain').textContent").asText())
                .isEqualTo(String.join(" \u2192 ", ANSWERED));
        List<String> seen = seenWhileRunning(callId);
        assertThat(seen).as("statuses shown in the calls in progress, live").contains("CLIENT_PICKUP")
                .isSubsetOf(ANSWERED);
        assertThat(ANSWERED).containsSubsequence(seen);

        browser.awaitTrue(recent(callId) + "?.querySelector('audio') !== null", Duration.ofSeconds(30),
                "the recording's player appears");
        JsonNode audio = browser.eval("(async () => {"
                + " const a = " + recent(callId) + ".querySelector('audio');"
                + " if (a.readyState < 1) { await new Promise((ok, no) => { a.onloadedmetadata = ok;"
                + "   a.onerror = () => no(new Error('audio error ' + (a.error && a.error.code))); a.load(); }); }"
                + " await a.play();"
                + " await new Promise(ok => { const t = setInterval(() => { if (a.currentTime > 0) {"
                + "   clearInterval(t); ok(); } }, 50); setTimeout(() => { clearInterval(t); ok(); }, 5000); });"
                + " return {readyState: a.readyState, duration: a.duration, playedTo: a.currentTime,"
                + "   src: a.currentSrc}; })()");
        assertThat(audio.get("readyState").asInt()).as(audio.toString()).isGreaterThanOrEqualTo(1);
        assertThat(audio.get("duration").asDouble()).as(audio.toString()).isGreaterThan(0);
        assertThat(audio.get("playedTo").asDouble()).as(audio.toString()).isGreaterThan(0);
        assertThat(audio.get("src").asText()).contains("/recordings/");

        browser.awaitTrue("/^[1-9][0-9]* calls?, /.test(document.getElementById('totals').textContent)",
                Duration.ofSeconds(15), "the day's figures count the call");
        assertThat(browser.eval("document.querySelector('#by-operator tbody tr').cells[0].textContent").asText())
                .isEqualTo("1000");
        JsonNode figures = browser.eval("(() => { const hours = [...document.querySelectorAll('#by-hour .bar small')]"
                + ".map(s => Number(s.textContent.split(' ')[1]));"
                + " return {calls: hours.reduce((a, b) => a + b, 0),"
                + " total: Number(document.getElementById('totals').textContent.split(' ')[0])}; })()");
        assertThat(figures.get("calls").asLong()).as("the per-hour bars count the day's calls: " + figures)
                .isPositive().isEqualTo(figures.get("total").asLong());
        assertThat(browser.eval("[...document.querySelectorAll('#state dd')].map(d => d.textContent).join(', ')")
                .asText()).as("the daemon's state, as /health tells it").startsWith("ready, listening, writable, ");
    }

    @Test
    @Order(3)
    void theWebhookStateChangesLiveOnThePage() throws Exception {
        browser.eval("window.sameDocument = true; true");
        String webhook = "document.querySelector('#webhooks tbody tr')";
        browser.awaitTrue(webhook + "?.cells[1].textContent === 'retrying' && Number(" + webhook
                        + ".cells[2].textContent) > 0", Duration.ofSeconds(15),
                "the receiver failing, the call's events are shown pending and the target retrying");
        assertThat(browser.eval(webhook + ".cells[3].textContent").asText()).contains("500");

        crm.mode(WebhookReceiver.Mode.ACCEPT);
        browser.awaitTrue(webhook + ".cells[1].textContent === 'ok' && " + webhook + ".cells[2].textContent === '0'",
                Duration.ofSeconds(15), "the receiver accepting, the target is shown ok with nothing pending");
        assertThat(crm.acknowledgedEvents()).as("what the page shows delivered was delivered").isNotEmpty();
        assertThat(browser.eval("window.sameDocument === true && performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('webhookStatus') || e.name.includes('/health')).length").asInt())
                .as("the same page, which never asked: the state came over the feed").isZero();
    }

    @Test
    @Order(4)
    void aCallReleasedFromThePageEndsWithTheRelease() throws Exception {
        long callId = placeCall("1000", "380639920004");
        browser.awaitTrue(running(callId) + "?.dataset.status === 'CLIENT_PICKUP'", CALL,
                "call " + callId + " is talking");
        browser.awaitTrue(running(callId) + ".querySelector('.duration').textContent !== '0:00'"
                + " && " + operator("1000") + ".cells[2].textContent.includes('#" + callId + "')",
                Duration.ofSeconds(10), "the call's duration runs and its operator shows it");
        screenshots();
        browser.eval("document.getElementById('supervisor').value = '1010';"
                + " document.getElementById('spy-mode').value = 'whisper'; "
                + running(callId) + ".querySelector('button.listen').click(); true");
        browser.awaitTrue(running(callId) + ".querySelector('button.listen').textContent === 'Ringing 1010'",
                Duration.ofSeconds(10), "the page says the supervisor's phone rings");
        JsonNode actions = daemon.api("callActions", Map.of("call_id", Long.toString(callId), "api_key", SECRET))
                .json().get("actions");
        assertThat(actions).singleElement().satisfies(a -> {
            assertThat(a.get("action").asText()).isEqualTo("spy_call");
            assertThat(a.get("detail").asText()).isEqualTo("whisper by 1010");
        });
        browser.eval(running(callId) + ".querySelector('button.release').click(); true");
        browser.awaitTrue(recent(callId) + "?.dataset.status === 'FINISH'", CALL, "call " + callId + " ends");
        assertThat(browser.eval(recent(callId) + ".querySelector('.outcome').textContent").asText())
                .startsWith("FINISH: released through the API (releaseCall)");
    }

    private static void screenshots() throws Exception {
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.write(target.resolve("dashboard.png"), browser.screenshot());
        browser.resize(390, 844, true);
        try {
            Files.write(target.resolve("dashboard-phone.png"), browser.screenshot());
            assertThat(browser.eval("document.documentElement.scrollWidth <= window.innerWidth").asBoolean())
                    .as("nothing wider than a phone's screen but the tables' own scroll").isTrue();
        } finally {
            browser.resize(1280, 1000, false);
        }
    }

    /** Fills the page's makeCall form and sends it; the call id the page was answered. */
    private static long placeCall(String sip, String phone) throws Exception {
        String order = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        browser.eval("(() => { const f = document.getElementById('make-call');"
                + " delete document.getElementById('make-call-result').dataset.callId;"
                + " f.elements.sip.value = '" + sip + "'; f.elements.phone.value = '" + phone + "';"
                + " f.elements.order_id.value = '" + order + "'; f.elements.external_key.value = '" + order + "';"
                + " f.querySelector('button').click(); return true; })()");
        browser.awaitTrue("document.getElementById('make-call-result').dataset.callId !== undefined",
                Duration.ofSeconds(15), "the page places the call");
        return browser.eval("Number(document.getElementById('make-call-result').dataset.callId)").asLong();
    }

    /** Records, in the page, each status a row of the calls in progress shows, as it shows it. */
    private static void watchRunningCalls() throws Exception {
        browser.eval("window.seen = []; new MutationObserver(() => document.querySelectorAll('#calls tbody tr')"
                + ".forEach(tr => { const s = tr.dataset.callId + ':' + tr.dataset.status;"
                + " if (!window.seen.includes(s)) window.seen.push(s); }))"
                + ".observe(document.querySelector('#calls tbody'), {subtree: true, childList: true,"
                + " attributes: true}); true");
    }

    private static List<String> seenWhileRunning(long callId) throws Exception {
        List<String> statuses = new ArrayList<>();
        browser.eval("window.seen").forEach(s -> {
            if (s.asText().startsWith(callId + ":")) {
                statuses.add(s.asText().substring(s.asText().indexOf(':') + 1));
            }
        });
        return statuses;
    }

    /** The operator's status in sipList. */
    private static String presence(String sip) throws Exception {
        RunningDaemon.Reply reply = daemon.api("sipList", Map.of("per_page", "100", "api_key", SECRET));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        for (JsonNode o : reply.json().get("operators")) {
            if (o.get("sip").asText().equals(sip)) {
                return o.get("status").asText();
            }
        }
        throw new AssertionError("sipList has no operator " + sip);
    }

    private static String operator(String sip) {
        return "document.querySelector('#operators tr[data-sip=\"" + sip + "\"]')";
    }

    private static String running(long callId) {
        return "document.querySelector('#calls tr[data-call-id=\"" + callId + "\"]')";
    }

    private static String recent(long callId) {
        return "document.querySelector('#recent tr[data-call-id=\"" + callId + "\"]')";
    }
}
