package io.callcontrol.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Each webhook target's durable cursor: the id of the last event its receiver acknowledged. Written through the
 * store's single writer, so a cursor commits in order with the events it points at; a cursor only moves forward.
 */
public final class WebhookCursors {

    private final CallStore store;
    private final Clock clock;

    public WebhookCursors(CallStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Keeps the cursors of exactly these URLs, committed before it returns: a URL seen for the first time starts
     * at the newest event (the past is not sent to it), a URL no longer configured is forgotten.
     *
     * @return each URL's delivered id
     */
    public CompletableFuture<Map<String, Long>> open(List<String> urls) {
        return store.write(statements -> {
            Connection c = statements.connection();
            Map<String, Long> stored = stored(c);
            for (String url : stored.keySet()) {
                if (!urls.contains(url)) {
                    update(c, "DELETE FROM webhook_cursors WHERE url = ?", url);
                }
            }
            long newest = newest(c);
            Map<String, Long> cursors = new LinkedHashMap<>();
            for (String url : urls) {
                Long delivered = stored.get(url);
                if (delivered == null) {
                    update(c, "INSERT INTO webhook_cursors (url, delivered_id, updated_at) VALUES (?, ?, ?)", url,
                            newest, clock.millis());
                    delivered = newest;
                }
                cursors.put(url, delivered);
            }
            return cursors;
        });
    }

    /** Moves a cursor forward to {@code deliveredId} (never back); committed when the future completes. */
    public CompletableFuture<Integer> advance(String url, long deliveredId) {
        long now = clock.millis();
        return store.write(s -> update(s.connection(), "UPDATE webhook_cursors SET delivered_id = ?, updated_at = ?"
                + " WHERE url = ? AND delivered_id < ?", deliveredId, now, url, deliveredId));
    }

    private static Map<String, Long> stored(Connection c) throws SQLException {
        Map<String, Long> cursors = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT url, delivered_id FROM webhook_cursors");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                cursors.put(rs.getString(1), rs.getLong(2));
            }
        }
        return cursors;
    }

    private static long newest(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(EventLog.NEWEST); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }
}
