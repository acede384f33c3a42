package io.callcontrol.ami;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.AbstractChannelEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.UserEvent;
import org.asteriskjava.manager.internal.ManagerUtil;

/**
 * Builds the events callcontrol reads ({@link AmiTranslator}, the daemon's presence) with plain setters, from the
 * headers {@link AmiReader} collected. asterisk-java's own builder finds each header's setter by reflection,
 * through a regex on every header name of every event: most of the reader's time. Through the shipped event filter
 * ({@code asterisk-conf/manager.d}) a call is a stream of these eight types alone, so they are built here; every
 * other event is left to asterisk-java. Building asterisk-java's own event classes (rather than facts straight
 * from the headers) keeps one translation, {@link AmiTranslator}, for events from either builder.
 *
 * <p>Only the channel's identity and the headers callcontrol reads are filled (listed per type below); any
 * other getter of these events returns null. Each value is converted as asterisk-java converts it: Asterisk's
 * null words ({@code <unknown>}...) become null, repeated headers are joined by newlines, a number that does not
 * parse is left null. A header callcontrol starts reading must be added here: the differential test against
 * asterisk-java's builder compares these fields and the facts they give for every recorded event.
 */
final class CallEventDecoder {

    private record Kind(Class<? extends ManagerEvent> type, BiFunction<Object, Map<String, Object>, ManagerEvent> build) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(NewChannelEvent.class, CallEventDecoder::newChannel),
            new Kind(NewStateEvent.class, CallEventDecoder::newState),
            new Kind(DialBeginEvent.class, CallEventDecoder::dialBegin),
            new Kind(DialEndEvent.class, CallEventDecoder::dialEnd),
            new Kind(HangupWithTechCauseEvent.class, CallEventDecoder::hangup),
            new Kind(HangupRequestWithTechCauseEvent.class, CallEventDecoder::hangupRequest),
            new Kind(OriginateResponseEvent.class, CallEventDecoder::originateResponse),
            new Kind(DeviceStateChangeWithActionIdEvent.class, CallEventDecoder::deviceStateChange));

    /** asterisk-java's null literals ({@code AstUtil}; a test keeps the two lists the same). */
    static final List<String> NULL_WORDS = List.of("<unknown>", "unknown", "none", "<none>", "-none-", "(none)",
            "<not set>", "(not set)", "<no name>", "n/a", "<null>", "(null)");
    private static final int LONGEST_NULL_WORD = NULL_WORDS.stream().mapToInt(String::length).max().orElseThrow();

    /** By lower-cased event name; only the reader's thread reads it, registration happens before reading. */
    private final Map<String, Kind> byName = new HashMap<>();

    CallEventDecoder() {
        KINDS.forEach(kind -> byName.put(eventName(kind.type()), kind));
    }

    /** The event of these headers, or null when its type is not built here. */
    ManagerEvent decode(String eventName, Map<String, Object> headers, Object source) {
        Kind kind = byName.get(eventName);
        return kind == null ? null : kind.build().apply(source, headers);
    }

    /**
     * Someone registered a class for an event type with asterisk-java: unless it is the one built here, the type is
     * left to asterisk-java from now on, so the registered class is what arrives.
     */
    void registered(Class<? extends ManagerEvent> type) {
        byName.computeIfPresent(eventName(type), (name, kind) -> kind.type() == type ? kind : null);
    }

    /** Someone deregistered a class: if it is one built here, asterisk-java alone decides about its type. */
    void deregistered(Class<? extends ManagerEvent> type) {
        byName.values().removeIf(kind -> kind.type() == type);
    }

    /** The event name asterisk-java files a class under (its {@code EventBuilderImpl.registerEventClass}). */
    static String eventName(Class<? extends ManagerEvent> type) {
        AsteriskMapping mapping = type.getAnnotation(AsteriskMapping.class);
        String name = mapping != null ? mapping.value() : type.getSimpleName();
        name = name.toLowerCase(Locale.ENGLISH);
        if (mapping == null && name.endsWith("event")) {
            name = name.substring(0, name.length() - "event".length());
        }
        return UserEvent.class.isAssignableFrom(type) && !name.startsWith("userevent") ? "userevent" + name : name;
    }

    private static ManagerEvent newChannel(Object source, Map<String, Object> h) {
        NewChannelEvent e = channel(new NewChannelEvent(source), h);
        e.setLinkedid(text(h, "linkedid"));
        e.setChannelState(number(h, "channelstate"));
        e.setChannelStateDesc(text(h, "channelstatedesc"));
        return e;
    }

    private static ManagerEvent newState(Object source, Map<String, Object> h) {
        NewStateEvent e = channel(new NewStateEvent(source), h);
        e.setLinkedId(text(h, "linkedid"));
        e.setChannelState(number(h, "channelstate"));
        e.setChannelStateDesc(text(h, "channelstatedesc"));
        return e;
    }

    private static ManagerEvent dialBegin(Object source, Map<String, Object> h) {
        DialBeginEvent e = dial(new DialBeginEvent(source), h);
        e.setLinkedId(text(h, "linkedid"));
        e.setDestLinkedId(text(h, "destlinkedid"));
        e.setDialString(text(h, "dialstring"));
        e.setCallerIdNum(text(h, "calleridnum")); // the caller of an inbound call (io.callcontrol.inbound)
        return e;
    }

    private static ManagerEvent dialEnd(Object source, Map<String, Object> h) {
        DialEndEvent e = dial(new DialEndEvent(source), h);
        e.setLinkedId(text(h, "linkedid"));
        e.setDestLinkedId(text(h, "destlinkedid"));
        e.setDialStatus(text(h, "dialstatus"));
        return e;
    }

    private static ManagerEvent hangup(Object source, Map<String, Object> h) {
        HangupWithTechCauseEvent e = channel(new HangupWithTechCauseEvent(source), h);
        e.setLinkedId(text(h, "linkedid"));
        e.setCause(number(h, "cause"));
        e.setCauseTxt(text(h, "cause-txt"));
        e.setTechCause(text(h, "techcause"));
        return e;
    }

    private static ManagerEvent hangupRequest(Object source, Map<String, Object> h) {
        HangupRequestWithTechCauseEvent e = channel(new HangupRequestWithTechCauseEvent(source), h);
        e.setLinkedId(text(h, "linkedid"));
        e.setCause(number(h, "cause"));
        e.setTechCause(text(h, "techcause"));
        return e;
    }

    /** The channel a channel event is about. */
    private static <E extends AbstractChannelEvent> E channel(E e, Map<String, Object> h) {
        e.setChannel(text(h, "channel"));
        e.setUniqueId(text(h, "uniqueid"));
        return e;
    }

    /** The two channels of a dial: the caller's (Channel, Uniqueid) and the dialled one's (Dest...). */
    private static <E extends DialEvent> E dial(E e, Map<String, Object> h) {
        e.setChannel(text(h, "channel"));
        e.setUniqueId(text(h, "uniqueid"));
        e.setDestChannel(text(h, "destchannel"));
        e.setDestUniqueId(text(h, "destuniqueid"));
        return e;
    }

    private static ManagerEvent originateResponse(Object source, Map<String, Object> h) {
        OriginateResponseEvent e = new OriginateResponseEvent(source);
        // as for every ResponseEvent: asterisk-java's own id in front of the '#' is the internal one
        String actionId = text(h, "actionid");
        if (actionId != null) {
            e.setActionId(ManagerUtil.stripInternalActionId(actionId));
            e.setInternalActionId(ManagerUtil.getInternalActionId(actionId));
        }
        e.setResponse(text(h, "response"));
        e.setChannel(text(h, "channel"));
        e.setUniqueId(text(h, "uniqueid"));
        e.setReason(number(h, "reason"));
        return e;
    }

    private static ManagerEvent deviceStateChange(Object source, Map<String, Object> h) {
        DeviceStateChangeWithActionIdEvent e = new DeviceStateChangeWithActionIdEvent(source);
        e.setDevice(text(h, "device"));
        e.setState(text(h, "state"));
        e.setActionId(text(h, "actionid"));
        return e;
    }

    /** A text header as asterisk-java sets it: Asterisk's null words as null, repeated lines each ended by '\n'. */
    static String text(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        if (value instanceof List<?> values) {
            StringBuilder joined = new StringBuilder();
            for (Object line : values) {
                if (!line.toString().isEmpty()) {
                    joined.append(line).append('\n');
                }
            }
            return joined.toString();
        }
        return value == null || isNullWord((String) value) ? null : (String) value;
    }

    /**
     * Whether Asterisk means "no value" ({@code <unknown>}, {@code none}...): asterisk-java's {@code AstUtil.isNull}
     * words, compared without lower-casing every value first, which was a quarter of the reader's time.
     */
    static boolean isNullWord(String value) {
        if (value.length() > LONGEST_NULL_WORD) {
            return false;
        }
        for (String word : NULL_WORDS) {
            if (word.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    /** A number header as asterisk-java sets it: null when absent, empty, repeated or not a number. */
    static Integer number(Map<String, Object> headers, String name) {
        if (!(headers.get(name) instanceof String value) || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
