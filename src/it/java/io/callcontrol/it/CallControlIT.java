package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.Await;
import io.callcontrol.testbed.AsteriskTestbed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Call control on the real Asterisk, clients reached through the testbed's Local route (so a client side has three
 * channels): activeCalls lists exactly the channels Asterisk has, hangupLeg ends one party and the call's chain
 * follows from Asterisk, sendDtmf is heard by the client's phone, and each accepted action is in callActions.
 */
class CallControlIT extends WithDaemon {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final List<Long> placed = new ArrayList<>();

    @BeforeAll
    static void clientsThroughALocalChannel() throws Exception {
        daemon.close();
        daemon = new RunningDaemon(data, Map.of("client.channel", "Local/{phone}@testbed-clients"));
        Calls.awaitAmi(daemon);
    }

    /** No call of a test outlives it: the next one compares with every channel Asterisk has. */
    @AfterEach
    void releaseWhatIsLeft() throws Exception {
        for (long callId : placed) {
            daemon.api("releaseCall", Map.of("call_id", Long.toString(callId)));
            Calls.awaitEnd(daemon, callId, PATIENCE);
        }
        Await.until(() -> AsteriskTestbed.cli("core show channels concise").isBlank(), PATIENCE,
                "Asterisk without channels after the test");
    }

    @Test
    void activeCallsListsExactlyTheChannelsAsteriskHasWithThePartyOnEach() throws Exception {
        long talking = place("1000", "380639920004");
        long dtmf = place("1000", "7700000004");
        long ringing = place("1002", "380639920004");
        Calls.awaitStatus(daemon, talking, "CLIENT_PICKUP", PATIENCE);
        Calls.awaitStatus(daemon, dtmf, "CLIENT_PICKUP", PATIENCE);
        Calls.awaitStatus(daemon, ringing, "OPERATOR_CALLTO", PATIENCE);
        // Asterisk may still be optimising the Local channels away, or the ringing phone still be saying so: the
        // two lists must agree once Asterisk is settled, asked back to back
        Map<String, String> listed = new TreeMap<>();
        Map<Long, List<String>> parties = new TreeMap<>();
        Await.until(() -> {
            listed.clear();
            parties.clear();
            JsonNode calls = activeCalls();
            for (JsonNode call : calls) {
                for (JsonNode leg : call.get("legs")) {
                    listed.put(leg.get("channel").asText(), leg.get("state").asText());
                    parties.computeIfAbsent(call.get("call_id").asLong(), id -> new ArrayList<>()).add(
                            leg.get("party").asText() + " " + leg.get("channel").asText().replaceAll("-[0-9a-f]+(;|$)", "$1"));
                }
            }
            return listed.equals(asterisksChannels()) && calls.size() == 3;
        }, PATIENCE, "activeCalls to list the channels 'core show channels' lists");

        System.out.printf("activeCalls agreed with core show channels: %s%n%s%n", listed,
                daemon.api("activeCalls", Map.of("sip", "1000")).body());
        // the Local channels between the bridge and the trunk are there until Asterisk optimises them away
        assertThat(parties.get(talking)).contains("operator PJSIP/1000", "client PJSIP/trunk")
                .allMatch(leg -> leg.startsWith("operator PJSIP/1000") || leg.startsWith("client "));
        assertThat(parties.get(dtmf)).contains("operator PJSIP/1000", "client PJSIP/dtmf");
        assertThat(parties.get(ringing)).containsExactly("operator PJSIP/1002");

        RunningDaemon.Reply mine = daemon.api("activeCalls", Map.of("sip", "1002"));
        assertThat(mine.json().get("calls")).extracting(c -> c.get("call_id").asLong()).containsExactly(ringing);
    }

    @Test
    void hangupLegEndsTheClientAndTheChainFollowsFromAsterisk() throws Exception {
        long callId = place("1000", "380639920004");
        Calls.awaitStatus(daemon, callId, "CLIENT_PICKUP", PATIENCE);

        RunningDaemon.Reply hungUp = daemon.api("hangupLeg", Map.of("call_id", Long.toString(callId), "leg", "client"));

        System.out.println("hangupLeg: " + hungUp.body());
        assertThat(hungUp.status()).as(hungUp.body()).isEqualTo(200);
        assertThat(hungUp.json().get("channel").asText()).startsWith("PJSIP/trunk-");
        JsonNode call = Calls.awaitEnd(daemon, callId, PATIENCE);
        assertThat(call.get("status").asText()).as(call.toString()).isEqualTo("FINISH");
        RunningDaemon.Reply listed = daemon.api("callActions", Map.of("call_id", Long.toString(callId)));
        System.out.println("callActions: " + listed.body());
        JsonNode actions = listed.json().get("actions");
        assertThat(actions).singleElement().satisfies(a -> {
            assertThat(a.get("action").asText()).isEqualTo("hangup_leg");
            assertThat(a.get("leg").asText()).isEqualTo("client");
            assertThat(a.get("id").asLong()).isEqualTo(hungUp.json().get("action_id").asLong());
        });

        RunningDaemon.Reply again = daemon.api("hangupLeg", Map.of("call_id", Long.toString(callId), "leg", "client"));
        System.out.println("hangupLeg again: " + again.body());
        System.out.println("callHistory: " + daemon.api("callHistory", Map.of("call_id", Long.toString(callId))).body());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().at("/error/code").asText()).isEqualTo("call_ended");
    }

    @Test
    void aPartyNotDialledYetIsNotPresentAndNothingChanges() throws Exception {
        long callId = place("1002", "380639920004");
        Calls.awaitStatus(daemon, callId, "OPERATOR_CALLTO", PATIENCE);

        RunningDaemon.Reply refused = daemon.api("sendDtmf", Map.of("call_id", Long.toString(callId), "digits", "1"));

        System.out.println("sendDtmf not present: " + refused.body());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("leg_not_present");
        assertThat(daemon.api("callActions", Map.of("call_id", Long.toString(callId))).json().get("actions")).isEmpty();
        assertThat(daemon.api("callHistory", Map.of("call_id", Long.toString(callId))).json().get("status").asText())
                .isEqualTo("OPERATOR_CALLTO");
    }

    @Test
    void theClientsPhoneReceivesTheDigitsInOrder() throws Exception {
        long callId = place("1000", "7700000004");
        Calls.awaitStatus(daemon, callId, "CLIENT_PICKUP", PATIENCE);
        int before = AsteriskTestbed.phoneLog("dtmf").length();

        RunningDaemon.Reply bad = daemon.api("sendDtmf", Map.of("call_id", Long.toString(callId),
                "digits", "1\r\nAction: Hangup"));
        RunningDaemon.Reply sent = daemon.api("sendDtmf", Map.of("call_id", Long.toString(callId), "digits", "19*#A"));

        System.out.println("sendDtmf bad: " + bad.body() + "\nsendDtmf: " + sent.body());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/message").asText()).startsWith("digits: ");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().get("channel").asText()).startsWith("PJSIP/dtmf-");
        Await.until(() -> heard(before).size() >= 5, PATIENCE, "the phone to log five digits");
        assertThat(heard(before)).containsExactly("1", "9", "*", "#", "A");
        JsonNode actions = daemon.api("callActions", Map.of("call_id", Long.toString(callId))).json().get("actions");
        System.out.println("callActions: " + daemon.api("callActions", Map.of("call_id", Long.toString(callId))).body());
        assertThat(actions).singleElement().satisfies(a -> assertThat(a.get("detail").asText()).isEqualTo("19*#A"));
    }

    private static JsonNode activeCalls() {
        try {
            RunningDaemon.Reply reply = daemon.api("activeCalls", Map.of());
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return reply.json().get("calls");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long place(String sip, String phone) throws Exception {
        long callId = Calls.make(daemon, sip, phone, "control");
        placed.add(callId);
        return callId;
    }

    /** The digits the DTMF phone logged after {@code offset} of its log. */
    private static List<String> heard(int offset) {
        try {
            Matcher m = Pattern.compile("DTMF \\S+ (\\S)").matcher(AsteriskTestbed.phoneLog("dtmf").substring(offset));
            List<String> digits = new ArrayList<>();
            while (m.find()) {
                digits.add(m.group(1));
            }
            return digits;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every channel Asterisk has, by name, with its state: {@code core show channels concise}. */
    private static Map<String, String> asterisksChannels() {
        Map<String, String> channels = new TreeMap<>();
        for (String line : AsteriskTestbed.cli("core show channels concise").split("\n")) {
            String[] fields = line.split("!");
            if (fields.length > 4) {
                channels.put(fields[0], fields[4]);
            }
        }
        return channels;
    }
}
