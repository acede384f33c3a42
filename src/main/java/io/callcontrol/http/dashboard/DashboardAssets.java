package io.callcontrol.http.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The page's files, built into the jar and read once: no CDN, no external fonts. The two HTML pages are templates
 * with one slot each, filled with values the daemon made (a CSRF token, a fixed message), never with request text.
 */
final class DashboardAssets {

    /** A static file and its type. */
    record Asset(String contentType, byte[] bytes) {
    }

    private static final String CSRF_SLOT = "{{csrf}}";
    private static final String MESSAGE_SLOT = "{{message}}";

    private final String page = text("index.html");
    private final String login = text("login.html");
    private final Map<String, Asset> files = Map.of(
            "app.js", new Asset("text/javascript; charset=utf-8", bytes("app.js")),
            "app.css", new Asset("text/css; charset=utf-8", bytes("app.css")));

    /** The dashboard, carrying the session's CSRF token for the page's requests (empty when no key is needed). */
    byte[] page(String csrfToken) {
        return page.replace(CSRF_SLOT, csrfToken).getBytes(StandardCharsets.UTF_8);
    }

    /** The login form, with {@code message} (fixed text of ours, HTML-safe) above it, or none. */
    byte[] login(String message) {
        return login.replace(MESSAGE_SLOT, message).getBytes(StandardCharsets.UTF_8);
    }

    /** The static file named so (app.js, app.css), or null. */
    Asset file(String name) {
        return files.get(name);
    }

    private static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks dashboard/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
