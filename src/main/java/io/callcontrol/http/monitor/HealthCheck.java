package io.callcontrol.http.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What {@code GET /health} reports; read from memory only, so it is cheap enough for the event loop. */
@FunctionalInterface
public interface HealthCheck {

    Report check();

    /**
     * The daemon's parts as a monitor needs them; {@code ok} when AMI, FastAGI and the store all work. AMI works
     * when it is ready, not only connected: while Asterisk boots or shuts down, makeCall refuses calls.
     */
    record Report(
            @JsonProperty("ami_connected") boolean amiConnected,
            @JsonProperty("ami_ready") boolean amiReady,
            @JsonProperty("agi_listening") boolean agiListening,
            @JsonProperty("store_writable") boolean storeWritable,
            @JsonProperty("store_error") String storeError,
            @JsonProperty("store_backlog") int storeBacklog,
            @JsonProperty("tracker_backlog") int trackerBacklog,
            @JsonProperty("dropped_events") long droppedEvents,
            @JsonProperty("originates_waiting") int originatesWaiting,
            @JsonProperty("daemon") String daemon,
            @JsonProperty("role") String role,
            @JsonProperty("role_since") String roleSince) {

        /** A daemon alone with its store, leading since it started. */
        public Report(boolean amiConnected, boolean amiReady, boolean agiListening, boolean storeWritable,
                String storeError, int storeBacklog, int trackerBacklog, long droppedEvents, int originatesWaiting) {
            this(amiConnected, amiReady, agiListening, storeWritable, storeError, storeBacklog, trackerBacklog,
                    droppedEvents, originatesWaiting, "", "leader", null);
        }

        @JsonProperty("status")
        public String status() {
            return amiConnected && amiReady && agiListening && storeWritable ? "ok" : "degraded";
        }
    }
}
