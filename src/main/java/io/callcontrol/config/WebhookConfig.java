package io.callcontrol.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Webhooks: every event is POSTed to each of {@code urls}, signed with {@code secret}; a request waits at most
 * {@code timeout}; a failed one is tried again after a pause doubling from {@code retryMin} up to {@code retryMax};
 * at most {@code batch} events go in one request; only events whose kind is in the bit mask {@code kinds}.
 */
public record WebhookConfig(
        List<URI> urls,
        String secret,
        Duration timeout,
        Duration retryMin,
        Duration retryMax,
        int batch,
        int kinds) {

    /** Status changes and recordings; presence (32) only when asked for. */
    static final int DEFAULT_KINDS = 31;
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]{16,256}");

    public WebhookConfig {
        urls = List.copyOf(urls);
    }

    static WebhookConfig from(Settings s) {
        List<URI> urls = urls("webhook.urls", s.string("webhook.urls", ""));
        String secret = s.string("webhook.secret", "");
        if (!urls.isEmpty() && !SECRET.matcher(secret).matches()) {
            throw new ConfigException("webhook.secret: must be 16 to 256 printable ASCII characters without spaces"
                    + " when webhook.urls is set" + (secret.isEmpty() ? " (it is empty)" : ""));
        }
        Duration retryMin = s.duration("webhook.retry.min", Duration.ofSeconds(1), Duration.ofMillis(10),
                Duration.ofHours(1));
        Duration retryMax = s.duration("webhook.retry.max", Duration.ofMinutes(5), Duration.ofMillis(10),
                Duration.ofDays(1));
        if (retryMax.compareTo(retryMin) < 0) {
            throw new ConfigException("webhook.retry.max: " + retryMax + " is shorter than webhook.retry.min "
                    + retryMin);
        }
        return new WebhookConfig(urls, secret,
                s.duration("webhook.timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)),
                retryMin, retryMax,
                s.integer("webhook.batch", 100, 1, 1000),
                s.integer("webhook.kinds", DEFAULT_KINDS, 1, 63));
    }

    /** Whether any target is configured. */
    public boolean enabled() {
        return !urls.isEmpty();
    }

    /**
     * A URL as logs and the status API show it: without user info, and with its query (which may carry a token)
     * replaced by {@code ?...}.
     */
    public static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + url.getRawPath() + (url.getRawQuery() == null ? "" : "?...");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "WebhookConfig[" + urls.stream().map(WebhookConfig::shown).toList() + ", timeout=" + timeout
                + ", retry=" + retryMin + ".." + retryMax + ", batch=" + batch + ", kinds=" + kinds + "]";
    }

    /** Parses a comma list of http(s) URLs; empty gives none. */
    private static List<URI> urls(String key, String value) {
        List<URI> urls = new ArrayList<>();
        if (value.isEmpty()) {
            return urls;
        }
        String[] entries = value.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            URI url = url(key, i + 1, entries[i].trim());
            if (urls.contains(url)) {
                throw new ConfigException(key + ": entry " + (i + 1) + " (" + shown(url) + ") is given twice");
            }
            urls.add(url);
        }
        return urls;
    }

    /** Messages name the entry by position: its query may hold a token. */
    private static URI url(String key, int position, String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(key + ": entry " + position + " is not a URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new ConfigException(key + ": entry " + position + " must be an http:// or https:// URL with a host");
        }
        if (url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new ConfigException(key + ": entry " + position + " must have no #fragment and no user@");
        }
        return url;
    }
}
