package io.callcontrol.bench;

import io.callcontrol.ami.AmiTranscript;
import io.callcontrol.ami.AmiTranslator;
import io.callcontrol.ami.HangupRequestWithTechCauseEvent;
import io.callcontrol.ami.HangupWithTechCauseEvent;
import io.callcontrol.call.CallProgress;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.CallTracker;
import io.callcontrol.call.ChannelFact;
import io.callcontrol.call.ChannelIds;
import io.callcontrol.call.Fact;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusChange;
import io.callcontrol.operator.OperatorDevices;
import io.callcontrol.track.TrackerThread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * The recorded Asterisk 22 calls (src/test/resources/ami) scaled to many concurrent calls: one AMI event stream
 * where each call of the store replays one transcript under its own channel id, calls taken in windows of
 * {@code concurrent} whose events interleave. The transcripts were recorded on a manager user that gets every
 * event; the stream keeps only those the shipped manager user's {@code eventfilter} lets through
 * ({@value #SHIPPED_MANAGER_USER}), which is what Asterisk sends to callcontrol. It also knows what the daemon
 * must make of it: each call's statuses and the stream position of the event that decides each one, found by
 * running every transcript once through the daemon's own {@link AmiTranslator} and {@link CallTracker}.
 */
final class AmiStream {

    static final List<String> TRANSCRIPTS = List.of("answered", "client-quick-hangup", "client-busy",
            "client-noanswer", "client-cancel", "client-notfound", "client-unavailable", "operator-busy",
            "operator-noanswer", "operator-offline");
    private static final String PLACEHOLDER = "cc-0-placehol";
    static final String SHIPPED_MANAGER_USER = "asterisk-conf/manager.d/callcontrol.conf";
    private static final Pattern INCLUDED_EVENT =
            Pattern.compile("^eventfilter\\(action\\(include\\),name\\((\\w+)\\)\\)");

    /** What a call must end with: its statuses after CALL, and the stream index of the event deciding each. */
    record Expected(long callId, List<CallStatus> statuses, int[] decidedAt) {
    }

    /** One transcript: its events with a placeholder channel id, and the statuses each event decides. */
    private record Recorded(List<String> events, List<List<CallStatus>> decides) {
    }

    final List<byte[]> events;
    final Map<Long, Expected> expected;

    private AmiStream(List<byte[]> events, Map<Long, Expected> expected) {
        this.events = events;
        this.expected = expected;
    }

    /** The stream for these calls (each must be in the store and followed by the daemon), transcripts in turn. */
    static AmiStream of(List<CallRecord> calls, int concurrent) {
        List<Recorded> recorded = recordings();
        List<byte[]> events = new ArrayList<>();
        Map<Long, Expected> expected = new LinkedHashMap<>();
        for (int from = 0; from < calls.size(); from += concurrent) {
            List<CallRecord> window = calls.subList(from, Math.min(calls.size(), from + concurrent));
            Map<Long, List<CallStatus>> statuses = new HashMap<>();
            Map<Long, List<Integer>> decidedAt = new HashMap<>();
            int longest = recorded.stream().mapToInt(r -> r.events().size()).max().orElse(0);
            for (int step = 0; step < longest; step++) {
                for (int i = 0; i < window.size(); i++) {
                    CallRecord call = window.get(i);
                    Recorded r = recorded.get((int) ((from + i) % recorded.size()));
                    if (step >= r.events().size()) {
                        continue;
                    }
                    for (CallStatus status : r.decides().get(step)) {
                        statuses.computeIfAbsent(call.callId(), id -> new ArrayList<>()).add(status);
                        decidedAt.computeIfAbsent(call.callId(), id -> new ArrayList<>()).add(events.size());
                    }
                    events.add(r.events().get(step).replace(PLACEHOLDER, call.channelId())
                            .getBytes(StandardCharsets.US_ASCII));
                }
            }
            for (CallRecord call : window) {
                expected.put(call.callId(), new Expected(call.callId(),
                        List.copyOf(statuses.getOrDefault(call.callId(), List.of())),
                        decidedAt.getOrDefault(call.callId(), List.of()).stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        return new AmiStream(events, expected);
    }

    /** Statuses the daemon must store for the whole stream, CALL rows not included. */
    int statusCount() {
        return expected.values().stream().mapToInt(e -> e.statuses().size()).sum();
    }

    private static List<Recorded> recordings() {
        Set<String> sent = eventsSentToCallcontrol();
        sent.remove("FullyBooted"); // once per Asterisk start, not per call
        List<List<String>> texts = TRANSCRIPTS.stream()
                .map(name -> AmiTranscript.load(name).events(PLACEHOLDER).stream()
                        .filter(e -> sent.contains(headers(e).get("event")))
                        .toList())
                .toList();
        // as the daemon sees it: a device is known once Asterisk sent a state for it, first in the device state list
        // it asks for at login (which FakeAsterisk answers as the testbed did), then in the calls' own events
        OperatorDevices devices = new OperatorDevices("PJSIP/{sip}");
        Stream.concat(AmiTranscript.load("device-state-list").events("").stream(), texts.stream().flatMap(List::stream))
                .map(AmiStream::headers)
                .filter(headers -> "DeviceStateChange".equals(headers.get("event")))
                .forEach(headers -> devices.seen((String) headers.get("device"), (String) headers.get("state")));
        AmiTranslator translator = new AmiTranslator(devices::known, devices::unavailable);
        EventDecoder decoder = new EventDecoder();
        List<Recorded> recorded = new ArrayList<>();
        for (List<String> events : texts) {
            recorded.add(decide(events, translator, decoder));
        }
        return recorded;
    }

    private static Recorded decide(List<String> events, AmiTranslator translator, EventDecoder decoder) {
        String channelId = ChannelIds.of(1, "00000000");
        CallProgress progress = CallProgress.started(FirstParty.OPERATOR);
        List<List<CallStatus>> decides = new ArrayList<>();
        for (String text : events) {
            List<CallStatus> decided = new ArrayList<>();
            ManagerEvent event = decoder.decode(headers(text.replace(PLACEHOLDER, channelId)));
            ChannelFact told = event == null || progress.ended() ? null : translator.fact(event);
            if (told != null) {
                CallTracker.Step step = CallTracker.next(progress, told.fact());
                progress = step.progress();
                step.changes().stream().map(StatusChange::status).forEach(decided::add);
            }
            decides.add(List.copyOf(decided));
        }
        if (!progress.ended() && progress.failedOriginate() != null) {
            // an unclear OriginateResponse with no cause after it: the engine's wait runs out after the last event
            CallTracker.Step step = CallTracker.next(progress, new Fact.VerdictDue(1, TrackerThread.VERDICT_WAIT.toMillis()));
            progress = step.progress();
            List<CallStatus> last = new ArrayList<>(decides.remove(decides.size() - 1));
            step.changes().stream().map(StatusChange::status).forEach(last::add);
            decides.add(List.copyOf(last));
        }
        if (!progress.ended()) {
            throw new IllegalStateException("a transcript leaves its call unfinished: " + progress);
        }
        return new Recorded(events, decides);
    }

    /** The event names the shipped manager user's {@code eventfilter(action(include),name(...))} lines let through. */
    private static Set<String> eventsSentToCallcontrol() {
        Set<String> names = new HashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of(SHIPPED_MANAGER_USER))) {
                Matcher included = INCLUDED_EVENT.matcher(line.strip());
                if (included.find()) {
                    names.add(included.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + SHIPPED_MANAGER_USER + " (run from the project's root)", e);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException(SHIPPED_MANAGER_USER + " has no eventfilter include lines");
        }
        return names;
    }

    /** An AMI message's headers as asterisk-java's reader keeps them: names lower-cased, values trimmed. */
    private static Map<String, Object> headers(String message) {
        Map<String, Object> headers = new HashMap<>();
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ENGLISH),
                        line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /**
     * asterisk-java's own event builder, as its reader uses it (with the daemon's Hangup subclasses registered).
     * It is package-private in asterisk-java, hence reflection; the benchmark runs on the class path, where that
     * is allowed.
     */
    private static final class EventDecoder {
        private final Object builder;
        private final Method build;

        EventDecoder() {
            try {
                Class<?> type = Class.forName("org.asteriskjava.manager.internal.EventBuilderImpl");
                Constructor<?> constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                builder = constructor.newInstance();
                Method register = type.getDeclaredMethod("registerEventClass", Class.class);
                register.setAccessible(true);
                register.invoke(builder, HangupWithTechCauseEvent.class);
                register.invoke(builder, HangupRequestWithTechCauseEvent.class);
                build = type.getDeclaredMethod("buildEvent", Object.class, Map.class);
                build.setAccessible(true);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("asterisk-java's EventBuilderImpl is not as expected: " + e, e);
            }
        }

        ManagerEvent decode(Map<String, Object> headers) {
            try {
                return (ManagerEvent) build.invoke(builder, AmiStream.class, headers);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("decoding " + headers + ": " + e, e);
            }
        }
    }
}
