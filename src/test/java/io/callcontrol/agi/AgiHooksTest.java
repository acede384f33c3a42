package io.callcontrol.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.Fact;
import io.callcontrol.config.AgiConfig;
import io.callcontrol.config.Config;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.metrics.PrometheusText;
import io.callcontrol.storage.StoreException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The FastAGI server as the dialplan's hooks reach it: a real socket speaking the FastAGI request format. A hook
 * names its call by the call's channel id ({@code cc-<call_id>-<token>}); the store here knows calls 7, 42 and 43.
 */
class AgiHooksTest {

    private static final Map<Long, String> STORED = Map.of(
            7L, "cc-7-00ff00ff", 42L, "cc-42-0a1b2c3d", 43L, "cc-43-12345678");

    private final BlockingQueue<Fact> facts = new LinkedBlockingQueue<>();
    private final Metrics metrics = new Metrics();
    private LongFunction<Optional<String>> store = callId -> Optional.ofNullable(STORED.get(callId));
    private FastAgiClient asterisk;

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @Test
    void callEndedHookWithItsCallsChannelIdBecomesAFact() throws Exception {
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            asterisk.send("call-ended", "cc-42-0a1b2c3d", "ANSWER", "16", "12", "/var/spool/asterisk/monitor/x.wav", "");

            assertThat(facts.poll(5, TimeUnit.SECONDS)).isEqualTo(new Fact.CallEnded(42, "ANSWER", 16, ""));
            assertThat(meters().value("callcontrol_hooks_accepted_total")).isEqualTo(1);
        }
    }

    @Test
    void answeredHooksBecomeAFactOfTheDialplan() throws Exception {
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            asterisk.send("operator-answered", "cc-7-00ff00ff");
            asterisk.send("client-answered", "cc-43-12345678");

            assertThat(facts.poll(5, TimeUnit.SECONDS)).isEqualTo(new Fact.DialplanAnswered(7));
            assertThat(facts.poll(5, TimeUnit.SECONDS)).isEqualTo(new Fact.DialplanAnswered(43));
        }
    }

    @Test
    void hooksFromPeersOutsideTheAllowListDoNothing() throws Exception {
        try (AgiHooks hooks = start("10.0.0.0/8")) {
            asterisk.send("call-ended", "cc-42-0a1b2c3d", "ANSWER", "16", "12", "", "");
            asterisk.send("operator-answered", "cc-7-00ff00ff");

            assertThat(facts.poll(1, TimeUnit.SECONDS)).isNull();
            assertThat(refused("peer")).isEqualTo(2);
        }
    }

    /** What the dialplans of earlier versions sent: the call's number alone, which anyone can guess. */
    @Test
    void aHookNamingItsCallByTheNumberAloneIsRefusedAndCounted() throws Exception {
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            asterisk.send("call-ended", "42", "BUSY", "17", "", "", "");
            asterisk.send("operator-answered", "7");

            assertThat(facts.poll(1, TimeUnit.SECONDS)).isNull();
            assertThat(refused("no_token")).isEqualTo(2);
            assertThat(meters().value("callcontrol_hooks_accepted_total")).isZero();
        }
    }

    @Test
    void aHookWithAnotherTokenOrAnUnknownCallIsRefusedAndCounted() throws Exception {
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            asterisk.send("call-ended", "cc-42-deadbeef", "BUSY", "17", "", "", "");
            asterisk.send("operator-answered", "cc-7-0a1b2c3d");
            asterisk.send("call-ended", "cc-99-0a1b2c3d", "BUSY", "17", "", "", "");

            assertThat(facts.poll(1, TimeUnit.SECONDS)).isNull();
            assertThat(refused("token_mismatch")).isEqualTo(2);
            assertThat(refused("unknown_call")).isEqualTo(1);
        }
    }

    @Test
    void aHookThatCannotBeCheckedIsRefused() throws Exception {
        store = callId -> {
            throw new StoreException("the store is down", null);
        };
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            asterisk.send("call-ended", "cc-42-0a1b2c3d", "ANSWER", "16", "", "", "");

            assertThat(facts.poll(1, TimeUnit.SECONDS)).isNull();
            assertThat(refused("store_unavailable")).isEqualTo(1);
        }
    }

    @Test
    void malformedArgumentsAreIgnoredNotGuessed() throws Exception {
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            asterisk.send("call-ended", "cc-42-0a1b2c3d; DROP", "ANSWER", "16");
            asterisk.send("call-ended", "", "ANSWER", "16");
            asterisk.send("call-ended", "cc-43-12345678", "ANS\r\nWER", "x16", "", "", "<script>");

            assertThat(facts.poll(5, TimeUnit.SECONDS)).isEqualTo(new Fact.CallEnded(43, "", -1, ""));
            assertThat(facts.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(refused("malformed")).isEqualTo(2);
        }
    }

    @Test
    void anUnknownScriptRunsNothing() throws Exception {
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            asterisk.send("java.lang.Runtime", "cc-42-0a1b2c3d");
            asterisk.send("operator-answered", "cc-7-00ff00ff");

            assertThat(facts.poll(5, TimeUnit.SECONDS)).isEqualTo(new Fact.DialplanAnswered(7));
        }
    }

    @Test
    void everyReasonIsCountedFromTheStart() throws Exception {
        try (AgiHooks hooks = start("127.0.0.0/8")) {
            PrometheusText meters = meters();
            for (HookGuard.Refusal refusal : HookGuard.Refusal.values()) {
                assertThat(meters.value("callcontrol_hooks_refused_total", "reason", refusal.label)).isZero();
            }
        }
    }

    private AgiHooks start(String allow) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        AgiConfig config = Config.from(Map.of("agi.port", Integer.toString(port), "agi.allow", allow)).agi();
        AgiHooks hooks = new AgiHooks(config, facts::add, store, metrics);
        hooks.start();
        asterisk = new FastAgiClient(port, "PJSIP/1000-00000001", "cc-1-00000000");
        return hooks;
    }

    private PrometheusText meters() {
        return PrometheusText.parse(metrics.scrape());
    }

    /** Hooks refused for a reason; the client returns once the server closed, after the refusal was counted. */
    private double refused(String reason) {
        return meters().value("callcontrol_hooks_refused_total", "reason", reason);
    }
}
