package io.callcontrol.recording;

/** A recording of an ended call that is not linked yet; {@code file} is relative to recordings.dir. */
public record RecordingDue(long callId, String orderId, String file) {
}
