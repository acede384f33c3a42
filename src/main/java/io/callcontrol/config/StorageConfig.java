package io.callcontrol.config;

import java.nio.file.Path;

/** The store: a JDBC URL (SQLite by default) and its pool. */
public record StorageConfig(String url, String username, String password, int poolSize) {

    static StorageConfig from(Settings s, Path dataDir) {
        String url = s.nonEmpty("storage.url", "jdbc:sqlite:" + dataDir.resolve("callcontrol.db"));
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("storage.url: '" + url + "' is neither jdbc:sqlite: nor jdbc:postgresql:");
        }
        return new StorageConfig(
                url,
                s.string("storage.username", ""),
                s.string("storage.password", ""),
                s.integer("storage.pool.size", 8, 2, 200));
    }

    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "StorageConfig[" + url + "]";
    }
}
