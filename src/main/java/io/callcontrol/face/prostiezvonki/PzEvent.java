package io.callcontrol.face.prostiezvonki;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Direction;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.push.LoggedEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * The Prostiezvonki events, as its {@code event.type} numbers them, and which of the daemon's statuses give them.
 * Pure: no I/O. A call the daemon placed (makeCall, the face's {@code call}) is the operator's outgoing call; an
 * inbound call is an incoming call to the operator. Every other status gives no event, and a transfer request (type
 * 1) is never sent: the daemon has no transfers, so no status means one.
 */
final class PzEvent {

    /** Входящий запрос на переадресацию: never sent. */
    static final int TRANSFER = 1;
    /** Входящий вызов на менеджера: an inbound call rings the operator ({@code OPERATOR_CALLTO}). */
    static final int INCOMING = 2;
    /** Завершённый вызов: every terminal status. */
    static final int HISTORY = 4;
    /** Исходящий вызов: the daemon placed the call ({@code CALL}). */
    static final int OUTCOMING = 8;
    /** Клиент поднял трубку при исходящем звонке: {@code CLIENT_PICKUP}. */
    static final int OUTCOMING_ANSWER = 16;
    /** Менеджер поднял трубку при входящем звонке: {@code OPERATOR_PICKUP} of an inbound call. */
    static final int INCOMING_ANSWER = 32;

    private PzEvent() {
    }

    /** The event type {@code status} of a call of {@code direction} gives; 0 when it gives none. */
    static int typeOf(CallStatus status, Direction direction) {
        if (status.isTerminal()) {
            return HISTORY;
        }
        if (direction == Direction.INBOUND) {
            return switch (status) {
                case OPERATOR_CALLTO -> INCOMING;
                case OPERATOR_PICKUP -> INCOMING_ANSWER;
                default -> 0;
            };
        }
        return switch (status) {
            case CALL -> OUTCOMING;
            case CLIENT_PICKUP -> OUTCOMING_ANSWER;
            default -> 0;
        };
    }

    /**
     * Whether the finished event of this status waits for the call's recording: a call the daemon placed records
     * from {@code CLIENT_PICKUP} on, and the link is known once the file is closed, just after the call ends.
     */
    static boolean awaitsRecording(LoggedEvent.Status status) {
        return status.event().direction() != Direction.INBOUND && status.pickedUpAt() != null
                && status.event().status().isTerminal();
    }

    /** The event of a status that is not terminal: {@code type}, {@code callID}, {@code from}, {@code to}. */
    static ObjectNode of(int type, LoggedEvent.Status status) {
        StatusEvent e = status.event();
        boolean inbound = e.direction() == Direction.INBOUND;
        ObjectNode event = JsonNodeFactory.instance.objectNode()
                .put("type", type)
                .put("callID", Long.toString(e.callId()))
                // the caller first: the client of an inbound call, the operator of an outgoing one
                .put("from", inbound ? status.phone() : status.sip())
                .put("to", inbound ? status.sip() : status.phone());
        return event;
    }

    /**
     * The finished call: its start ({@code start}, when the call began), end and talk time, Unix seconds and seconds;
     * {@code direction} 0 incoming, 1 outgoing; {@code record} the recording's link, or null when it has none.
     */
    static ObjectNode history(LoggedEvent.Status status, Instant start, String record) {
        StatusEvent e = status.event();
        long talk = status.pickedUpAt() == null ? 0 : Duration.between(status.pickedUpAt(), e.at()).toSeconds();
        ObjectNode event = of(HISTORY, status)
                .put("start", start.getEpochSecond())
                .put("end", e.at().getEpochSecond())
                .put("duration", Math.max(0, talk))
                .put("direction", e.direction() == Direction.INBOUND ? 0 : 1);
        event.put("record", record);
        return event;
    }
}
