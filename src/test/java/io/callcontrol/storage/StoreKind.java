package io.callcontrol.storage;

import io.callcontrol.testbed.PostgresServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The two stores a storage test runs on: a SQLite file in its folder, or a fresh schema of the run's PostgreSQL. */
enum StoreKind {
    SQLITE,
    POSTGRESQL;

    /** A test's folder names its PostgreSQL store, so that opening it again (a restart) finds the same rows. */
    private static final Map<Path, String> POSTGRES_URLS = new ConcurrentHashMap<>();

    /** The storage.* settings of the test's store in {@code dir}. */
    Map<String, String> settings(Path dir) {
        if (this == SQLITE) {
            return Map.of("storage.url", "jdbc:sqlite:" + dir.resolve("store.db"));
        }
        return Map.of("storage.url", POSTGRES_URLS.computeIfAbsent(dir, d -> PostgresServer.freshStoreUrl()),
                "storage.username", PostgresServer.USER, "storage.password", PostgresServer.PASSWORD);
    }
}
