package io.callcontrol.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store: a JDBC URL (SQLite by default, or PostgreSQL) and its pool. A PostgreSQL URL may carry its credentials
 * as {@code //user:password@host}: they are taken out of the URL (the driver does not read them there) into
 * username and password. {@link #toString} and {@link #redact} never show a password.
 */
public record StorageConfig(String url, String username, String password, int poolSize) {

    /** {@code //user:password@} or {@code //user@} right after the scheme. */
    private static final Pattern USER_INFO = Pattern.compile("^(jdbc:postgresql://)([^/@?]*)@");
    /** The password of {@code //user:password@} anywhere in a text. */
    private static final Pattern USER_PASSWORD = Pattern.compile("(jdbc:postgresql://[^/@?:\\s]*):[^/@?\\s]*@");
    /** A password given as a URL parameter: {@code ?password=...} or {@code &password=...}. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;#\\s]*");

    static StorageConfig from(Settings s, Path dataDir) {
        String url = s.nonEmpty("storage.url", "jdbc:sqlite:" + dataDir.resolve("callcontrol.db"));
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("storage.url: '" + redactUrl(url) + "' is neither jdbc:sqlite: nor jdbc:postgresql:");
        }
        String username = s.string("storage.username", "");
        String password = s.string("storage.password", "");
        Matcher userInfo = USER_INFO.matcher(url);
        if (userInfo.find()) {
            if (!username.isEmpty() || !password.isEmpty()) {
                throw new ConfigException("storage.url: carries a user, and storage.username or storage.password is"
                        + " set too: give the credentials in one place");
            }
            String[] credentials = userInfo.group(2).split(":", 2);
            username = decode(credentials[0]);
            password = credentials.length > 1 ? decode(credentials[1]) : "";
            url = userInfo.group(1) + url.substring(userInfo.end());
        }
        return new StorageConfig(url, username, password, s.integer("storage.pool.size", 8, 2, 200));
    }

    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    /** The URL without any password in it: what messages and logs may show. */
    public String safeUrl() {
        return redactUrl(url);
    }

    /**
     * {@code text} (a driver's or the pool's message) with every password masked: the configured one wherever it
     * appears, and any in a URL. What an error message may carry.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String safe = text;
        if (!password.isEmpty()) {
            safe = safe.replace(password, "***");
        }
        return redactUrl(safe);
    }

    static String redactUrl(String url) {
        String safe = USER_PASSWORD.matcher(url).replaceAll("$1:***@");
        return PASSWORD_PARAMETER.matcher(safe).replaceAll("$1***");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "StorageConfig[" + safeUrl() + (username.isEmpty() ? "" : ", user " + username) + "]";
    }
}
