package io.callcontrol.push;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.http.recordings.RecordingFiles;
import io.callcontrol.http.render.ResponseWriter;
import io.callcontrol.http.render.ResponseWriters;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.recording.Recording;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The pushed events as the CRM reads them, the same for WebSocket messages and webhook bodies: one JSON object per
 * event, with the status's {@link EventKind} bit, the call's operator ({@code from}) and client ({@code to}), the
 * talk time on a connected call's FINISH and the link of a recording.
 */
public final class EventMessages {

    /** One event; fields that do not apply to its kind are null. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"id", "kind", "status", "call_id", "order_id", "from", "to", "time", "duration",
            "recording_url", "detail", "direction"})
    record Message(long id, int kind, String status, Long callId, String orderId, String from, String to, String time,
                   Long duration, String recordingUrl, String detail, String direction) {
    }

    /** A webhook request's body. */
    record Batch(List<Message> events) {
    }

    /** The status of a recording-ready event; presence events carry the operator's sipList status. */
    static final String RECORDING = "RECORDING";
    private static final ResponseWriter JSON = ResponseWriters.find("json");

    private final TimeFormat time;

    /** Times in {@code zone}, as the API renders them. */
    public EventMessages(ZoneId zone) {
        this(new TimeFormat(zone));
    }

    public EventMessages(TimeFormat time) {
        this.time = time;
    }

    /** A webhook request's body: {@code {"events":[...]}}; recording links start with {@code baseUrl}. */
    public byte[] webhookBody(List<LoggedEvent> events, String baseUrl) {
        return JSON.write(new Batch(events.stream().map(e -> message(e, baseUrl)).toList()));
    }

    /** One WebSocket message. */
    public byte[] json(LoggedEvent event, String baseUrl) {
        return JSON.write(message(event, baseUrl));
    }

    Message message(LoggedEvent event, String baseUrl) {
        int kind = EventKind.of(event).bit();
        if (event instanceof LoggedEvent.Status s) {
            StatusEvent e = s.event();
            Long talk = s.pickedUpAt() == null ? null : Duration.between(s.pickedUpAt(), e.at()).toSeconds();
            return new Message(e.id(), kind, e.status().name(), e.callId(), e.orderId(), s.sip(), s.phone(),
                    time.format(e.at()), talk, null, e.detail(), e.direction().apiName());
        }
        if (event instanceof LoggedEvent.RecordingReady r) {
            Recording recording = r.recording();
            return new Message(r.id(), kind, RECORDING, recording.callId(), recording.orderId(), r.sip(), r.phone(),
                    time.format(recording.createdAt()), Math.round(recording.durationMs() / 1000.0),
                    baseUrl + RecordingFiles.urlPath(recording), recording.file(), null);
        }
        LoggedEvent.Presence p = (LoggedEvent.Presence) event;
        return new Message(p.id(), kind, p.event().status().apiName(), null, null, p.event().sip(), null,
                time.format(p.event().at()), null, null, p.event().deviceState(), null);
    }
}
