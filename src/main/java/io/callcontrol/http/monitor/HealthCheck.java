package io.callcontrol.http.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** What {@code GET /health} reports; read from memory only, so it is cheap enough for the event loop. */
@FunctionalInterface
public interface HealthCheck {

    Report check();

    /**
     * The daemon's parts as a monitor needs them; {@code ok} when AMI, FastAGI and the store all work. AMI works
     * when it is ready, not only connected: while Asterisk boots or shuts down, makeCall refuses calls. With several
     * Asterisk servers {@code ami_connected} and {@code ami_ready} are true when they are for every server, and
     * {@code servers} tells each one's: one server down makes the daemon {@code degraded}, while it still places
     * the other servers' calls.
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
            @JsonProperty("role_since") String roleSince,
            @JsonProperty("servers") Map<String, Server> servers) {

        public Report {
            servers = servers == null ? Map.of() : Map.copyOf(servers);
        }

        /** As the full report, with no per-server part (one Asterisk, the {@code ami_*} fields tell it). */
        public Report(boolean amiConnected, boolean amiReady, boolean agiListening, boolean storeWritable,
                String storeError, int storeBacklog, int trackerBacklog, long droppedEvents, int originatesWaiting,
                String daemon, String role, String roleSince) {
            this(amiConnected, amiReady, agiListening, storeWritable, storeError, storeBacklog, trackerBacklog,
                    droppedEvents, originatesWaiting, daemon, role, roleSince, Map.of());
        }

        /** A daemon alone with its store, leading since it started. */
        public Report(boolean amiConnected, boolean amiReady, boolean agiListening, boolean storeWritable,
                String storeError, int storeBacklog, int trackerBacklog, long droppedEvents, int originatesWaiting) {
            this(amiConnected, amiReady, agiListening, storeWritable, storeError, storeBacklog, trackerBacklog,
                    droppedEvents, originatesWaiting, "", "leader", null);
        }

        /** One Asterisk server's AMI link: its address, whether it is logged in, and ready for new calls. */
        public record Server(
                @JsonProperty("ami") String ami,
                @JsonProperty("connected") boolean connected,
                @JsonProperty("ready") boolean ready) {
        }

        @JsonProperty("status")
        public String status() {
            return amiConnected && amiReady && agiListening && storeWritable ? "ok" : "degraded";
        }

        /**
         * Whether the daemon can do its work at all: FastAGI and the store work, and some Asterisk server takes
         * calls. {@code /health} answers 503 when it cannot; with one server of several down it answers 200 with
         * {@code status} {@code degraded}, since it still places the other servers' calls.
         */
        public boolean serving() {
            boolean someServer = servers.isEmpty() ? amiConnected && amiReady
                    : servers.values().stream().anyMatch(server -> server.connected() && server.ready());
            return someServer && agiListening && storeWritable;
        }
    }
}
