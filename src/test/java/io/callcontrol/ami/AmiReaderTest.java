package io.callcontrol.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.ChannelIds;
import io.callcontrol.config.AmiConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.BridgeCreateEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.util.AstUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AmiReader} against asterisk-java's own reader: the same bytes from the replay server, read by a connection
 * with each, must give the same events in the same order, equal in every field the reader decodes itself (the
 * fields {@link CallEventDecoder} lists) and in every field of the events it leaves to asterisk-java, and the same
 * facts through {@link AmiTranslator}.
 */
class AmiReaderTest {

    private static final String CHANNEL_ID = ChannelIds.of(42, "0a1b2c3d");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The properties {@link CallEventDecoder} fills, per class it builds (and the legacy DialEvent made of one). */
    private static final Map<Class<?>, Set<String>> DECODED = Map.of(
            NewChannelEvent.class, Set.of("channel", "uniqueId", "linkedid", "channelState", "channelStateDesc"),
            NewStateEvent.class, Set.of("channel", "uniqueId", "linkedId", "channelState", "channelStateDesc"),
            DialBeginEvent.class, Set.of("channel", "uniqueId", "linkedId", "destChannel", "destUniqueId",
                    "destLinkedId", "dialString", "callerIdNum"),
            DialEvent.class, Set.of("channel", "uniqueId", "destChannel", "destUniqueId"),
            DialEndEvent.class, Set.of("channel", "uniqueId", "linkedId", "destChannel", "destUniqueId",
                    "destLinkedId", "dialStatus"),
            HangupWithTechCauseEvent.class, Set.of("channel", "uniqueId", "linkedId", "cause", "causeTxt", "techCause"),
            HangupRequestWithTechCauseEvent.class, Set.of("channel", "uniqueId", "linkedId", "cause", "techCause"),
            OriginateResponseEvent.class, Set.of("actionId", "internalActionId", "response", "channel", "uniqueId",
                    "reason"),
            DeviceStateChangeWithActionIdEvent.class, Set.of("device", "state", "actionId"));

    enum Reader { ASTERISK_JAVA, CALLCONTROL }

    static Stream<String> transcripts() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(AmiReaderTest.class.getResource("/ami").toURI()))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".txt"))
                    .map(name -> name.substring(0, name.length() - ".txt".length()))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void decodesEveryRecordedEventAsAsteriskJavaDoes(String transcript) throws Exception {
        List<String> events = AmiTranscript.load(transcript).events(CHANNEL_ID);

        List<ManagerEvent> ours = assertSameAsAsteriskJava(events);

        // the call's events really were built by CallEventDecoder, which leaves Privilege unread
        assertThat(ours).filteredOn(e -> DECODED.containsKey(e.getClass()) && !(e.getClass() == DialEvent.class))
                .isNotEmpty().allSatisfy(e -> assertThat(e.getPrivilege()).isNull());
    }

    @Test
    void repeatedHeadersAreJoinedOrDroppedAsAsteriskJavaDoes() throws Exception {
        List<ManagerEvent> ours = assertSameAsAsteriskJava(List.of(
                "Event: Hangup\r\nChannel: PJSIP/1000-00000001\r\nUniqueid: " + CHANNEL_ID + "\r\nLinkedid: "
                        + CHANNEL_ID + "\r\nCause: 17\r\nCause: 16\r\nCause-txt: User busy\r\nCause-txt: again\r\n"
                        + "TechCause: 486\r\nTechCause: 487\r\n\r\n",
                "Event: DialEnd\r\nUniqueid: " + CHANNEL_ID + "\r\nDialStatus: BUSY\r\nDialStatus: \r\n\r\n"));

        HangupWithTechCauseEvent hangup = (HangupWithTechCauseEvent) ours.get(0);
        assertThat(hangup.getCause()).isNull();
        assertThat(hangup.getCauseTxt()).isEqualTo("User busy\nagain\n");
        assertThat(hangup.getTechCause()).isEqualTo("486\n487\n");
        assertThat(((DialEndEvent) ours.get(1)).getDialStatus()).isEqualTo("BUSY\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNullWordsAreAsteriskJavasInAnyCase() throws Exception {
        Field literals = AstUtil.class.getDeclaredField("NULL_LITERALS");
        literals.setAccessible(true);
        assertThat(CallEventDecoder.NULL_WORDS).containsExactlyInAnyOrderElementsOf((Set<String>) literals.get(null));
        for (String value : List.of("<unknown>", "<UNKNOWN>", "None", "N/A", "(null)", "", "Up", "unknown!",
                "PJSIP/1000-00000004", CHANNEL_ID)) {
            assertThat(CallEventDecoder.isNullWord(value)).as(value).isEqualTo(AstUtil.isNull(value));
        }
    }

    @Test
    void headerNamesInAnyCaseAndSpacingAndAsteriskNullWords() throws Exception {
        List<ManagerEvent> ours = assertSameAsAsteriskJava(List.of(
                "event: NEWSTATE\r\nCHANNEL: <unknown>\r\n  uniqueID  :   " + CHANNEL_ID + "  \r\nchannelstate:6\r\n"
                        + "Channelstatedesc: Up\r\nno colon here\r\n: no name\r\n\r\n",
                "Event: OriginateResponse\r\nActionID: 7#mine\r\nResponse: Failure\r\nChannel: PJSIP/1000\r\n"
                        + "Uniqueid: <null>\r\nReason: not-a-number\r\n\r\n"));

        NewStateEvent state = (NewStateEvent) ours.get(0);
        assertThat(state.getChannel()).isNull();
        assertThat(state.getUniqueId()).isEqualTo(CHANNEL_ID);
        assertThat(state.getChannelState()).isEqualTo(6);
        OriginateResponseEvent originate = (OriginateResponseEvent) ours.get(1);
        assertThat(originate.getActionId()).isEqualTo("mine");
        assertThat(originate.getInternalActionId()).isEqualTo("7");
        assertThat(originate.getReason()).isNull();
    }

    @Test
    void eventsItDoesNotDecodeAreAsteriskJavasOwn() throws Exception {
        List<ManagerEvent> ours = assertSameAsAsteriskJava(List.of(
                "Event: BridgeCreate\r\nPrivilege: call,all\r\nBridgeUniqueid: b1\r\nBridgeType: basic\r\n\r\n",
                "Event: NoSuchEventAnywhere\r\nPrivilege: call,all\r\nFoo: bar\r\n\r\n",
                "Event: Newchannel\r\nUniqueid: " + CHANNEL_ID + "\r\n\r\n"));

        // the type unknown to asterisk-java too is dropped (as asterisk-java drops it), and reading goes on
        assertThat(ours).extracting(e -> (Object) e.getClass())
                .containsExactly(BridgeCreateEvent.class, NewChannelEvent.class);
        assertThat(((BridgeCreateEvent) ours.get(0)).getBridgeUniqueId()).isEqualTo("b1");
        assertThat(ours.get(0).getPrivilege()).isEqualTo("call,all");
    }

    @Test
    void aClassRegisteredForADecodedTypeIsWhatArrives() throws Exception {
        List<String> events = List.of("Event: Newstate\r\nPrivilege: call,all\r\nUniqueid: " + CHANNEL_ID
                + "\r\nChannelState: 5\r\n\r\n");
        try (AmiReplayServer server = AmiReplayServer.start(events, 1)) {
            ManagerConnection connection = connect(Reader.CALLCONTROL, server.port());
            connection.registerUserEventClass(RingingNewStateEvent.class);

            List<ManagerEvent> received = receive(connection, server);

            assertThat(received).singleElement().isInstanceOf(RingingNewStateEvent.class);
            assertThat(received.get(0).getPrivilege()).as("built by asterisk-java").isEqualTo("call,all");
        }
    }

    @Test
    void commandOutputOfBothFormsIsAsAsteriskJavaReadsIt() throws Exception {
        Map<String, Function<String, String>> answers = Map.of("command", actionId -> actionId.endsWith("#legacy")
                ? "Response: Follows\r\nPrivilege: Command\r\nActionID: " + actionId + "\r\n"
                        + "Channel  Location\n1 active channel\n--END COMMAND--\r\n\r\n"
                : "Response: Success\r\nActionID: " + actionId + "\r\nMessage: Command output follows\r\n"
                        + "Output: Channel  Location\r\nOutput: 1 active channel\r\n\r\n");
        for (String actionId : List.of("legacy", "current")) {
            Map<Reader, List<String>> results = new TreeMap<>();
            for (Reader reader : Reader.values()) {
                try (AmiReplayServer server = AmiReplayServer.start(List.of(), 1, answers)) {
                    ManagerConnection connection = connect(reader, server.port());
                    connection.login();
                    try {
                        CommandAction command = new CommandAction("core show channels");
                        command.setActionId(actionId);
                        ManagerResponse response = connection.sendAction(command, TIMEOUT.toMillis());
                        assertThat(response).isInstanceOf(CommandResponse.class);
                        results.put(reader, ((CommandResponse) response).getResult());
                    } finally {
                        connection.logoff();
                    }
                }
            }
            assertThat(results.get(Reader.CALLCONTROL)).as(actionId)
                    .containsExactly("Channel  Location", "1 active channel")
                    .isEqualTo(results.get(Reader.ASTERISK_JAVA));
        }
    }

    @Test
    void aConnectionCutInsideAnEventDropsThatEventAndReconnects() throws Exception {
        // Asterisk answers the ping, sends one event and dies in the middle of the next
        Map<String, Function<String, String>> answers = Map.of("ping", actionId -> "Response: Success\r\nActionID: "
                + actionId + "\r\nPing: Pong\r\n\r\n" + "Event: Newchannel\r\nUniqueid: " + CHANNEL_ID + "\r\n\r\n"
                + "Event: Hangup\r\nUniqueid: " + CHANNEL_ID + "\r\nCause: 1" + AmiReplayServer.CUT);
        Map<Reader, List<Class<?>>> classes = new TreeMap<>();
        for (Reader reader : Reader.values()) {
            ReceivedEvents received = new ReceivedEvents();
            try (AmiReplayServer server = AmiReplayServer.start(List.of(), 2, answers)) {
                ManagerConnection connection = connect(reader, server.port());
                connection.addEventListener(received);
                connection.login();
                try {
                    assertThat(received.awaitReplays(1, TIMEOUT)).isTrue();
                    connection.sendAction(new PingAction(), null);
                    assertThat(received.awaitDisconnects(1, TIMEOUT)).as("%s: connection lost", reader).isTrue();
                    assertThat(received.awaitReplays(1, TIMEOUT)).as("%s: logged in again", reader).isTrue();
                } finally {
                    logoff(connection);
                }
                assertThat(server.connectionsServed()).isEqualTo(2);
            }
            classes.put(reader, received.replayed().stream().<Class<?>>map(ManagerEvent::getClass).toList());
        }

        assertThat(classes.get(Reader.CALLCONTROL)).containsExactly(NewChannelEvent.class, DisconnectEvent.class)
                .isEqualTo(classes.get(Reader.ASTERISK_JAVA));
    }

    /** A class of the tests' own for Newstate, as a user of the connection could register one. */
    @org.asteriskjava.manager.AsteriskMapping("Newstate")
    public static class RingingNewStateEvent extends NewStateEvent {
        private static final long serialVersionUID = 1L;

        public RingingNewStateEvent(Object source) {
            super(source);
        }
    }

    /**
     * Replays {@code events} to a connection with each reader and checks they deliver the same; returns what the
     * callcontrol reader delivered.
     */
    private static List<ManagerEvent> assertSameAsAsteriskJava(List<String> events) throws Exception {
        List<ManagerEvent> theirs = receive(Reader.ASTERISK_JAVA, events);
        List<ManagerEvent> ours = receive(Reader.CALLCONTROL, events);
        AmiTranslator translator = new AmiTranslator(device -> true, device -> false);

        assertThat(ours).hasSameSizeAs(theirs).isNotEmpty();
        for (int i = 0; i < ours.size(); i++) {
            ManagerEvent our = ours.get(i);
            ManagerEvent their = theirs.get(i);
            String which = "event " + i + " (" + their.getClass().getSimpleName() + ")";
            assertThat(our.getClass()).as(which).isEqualTo(their.getClass());
            assertThat(properties(our)).as(which).isEqualTo(properties(their));
            assertThat(translator.fact(our)).as(which).isEqualTo(translator.fact(their));
        }
        return ours;
    }

    private static List<ManagerEvent> receive(Reader reader, List<String> events) throws Exception {
        try (AmiReplayServer server = AmiReplayServer.start(events, 1)) {
            return receive(connect(reader, server.port()), server);
        }
    }

    /**
     * Logs in, waits for the end of the replay, logs off: every event read meanwhile, in order
     * ({@link ReceivedEvents#replayed()}).
     */
    private static List<ManagerEvent> receive(ManagerConnection connection, AmiReplayServer server) throws Exception {
        ReceivedEvents received = new ReceivedEvents();
        connection.addEventListener(received);
        connection.login();
        try {
            assertThat(received.awaitReplays(1, TIMEOUT)).as("the replay ended").isTrue();
        } finally {
            logoff(connection);
        }
        assertThat(server.connectionsServed()).isEqualTo(1);
        return received.replayed();
    }

    private static ManagerConnection connect(Reader reader, int port) {
        ManagerConnection connection;
        if (reader == Reader.CALLCONTROL) {
            connection = new AmiConnection(new AmiConfig("127.0.0.1", port, "callcontrol", "secret",
                    Duration.ofSeconds(30), Duration.ofSeconds(10), 1_000));
        } else {
            connection = new ManagerConnectionFactory("127.0.0.1", port, "callcontrol", "secret")
                    .createManagerConnection();
            AmiConnection.EVENT_CLASSES.forEach(connection::registerUserEventClass);
        }
        connection.registerUserEventClass(ReplayEndEvent.class);
        return connection;
    }

    private static void logoff(ManagerConnection connection) {
        if (connection.getState() == ManagerConnectionState.CONNECTED
                || connection.getState() == ManagerConnectionState.RECONNECTING) {
            connection.logoff();
        }
    }

    /**
     * What is compared of an event: for a class {@link CallEventDecoder} builds, the properties it fills; for any
     * other, every property (public getter) but the moment of arrival and the source.
     */
    private static Map<String, Object> properties(ManagerEvent event) {
        Set<String> decoded = DECODED.get(event.getClass());
        Map<String, Object> properties = new TreeMap<>();
        for (Method getter : event.getClass().getMethods()) {
            String name = property(getter);
            if (name == null || name.equals("dateReceived") || name.equals("source") || name.equals("class")
                    || (decoded != null && !decoded.contains(name))) {
                continue;
            }
            try {
                properties.put(name, String.valueOf(getter.invoke(event)));
            } catch (ReflectiveOperationException e) {
                properties.put(name, "throws " + e.getCause());
            }
        }
        if (decoded != null) {
            assertThat(properties.keySet()).as("getters of %s", event.getClass()).containsAll(decoded);
        }
        return properties;
    }

    /** The property a public no-argument getter reads, or null when the method is not one. */
    private static String property(Method method) {
        String name = method.getName();
        int prefix = name.startsWith("get") ? 3 : name.startsWith("is") ? 2 : 0;
        if (prefix == 0 || name.length() == prefix || method.getParameterCount() != 0
                || Modifier.isStatic(method.getModifiers()) || method.getReturnType() == void.class) {
            return null;
        }
        return Character.toLowerCase(name.charAt(prefix)) + name.substring(prefix + 1);
    }
}
