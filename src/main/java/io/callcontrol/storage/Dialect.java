package io.callcontrol.storage;

import com.zaxxer.hikari.HikariConfig;
import io.callcontrol.config.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What differs between the two stores; every statement the daemon runs is shared SQL that both accept
 * ({@code ON CONFLICT ... DO NOTHING}, {@code RETURNING}). The differences are the schema scripts
 * ({@code db/<folder>/}), the connection settings, and SQLite's own log checkpoints.
 */
enum Dialect {

    /** WAL mode with full fsync on commit, so a committed call survives a crash. */
    SQLITE("sqlite") {
        @Override
        void configure(HikariConfig hikari, StorageConfig config) {
            createParentFolder(config.url().substring("jdbc:sqlite:".length()));
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("wal_autocheckpoint", Integer.toString(WalCheckpointer.BACKSTOP_PAGES));
            hikari.addDataSourceProperty("synchronous", "FULL");
            hikari.addDataSourceProperty("busy_timeout", "2000");
            hikari.addDataSourceProperty("foreign_keys", "true");
        }
    },

    /**
     * REPEATABLE READ: a read of several statements (a page and its total, the event log's two tables) sees one
     * snapshot, as on SQLite; at READ COMMITTED each statement would see a later one and a reader merging the two
     * tables could skip an event. Several daemons' writers meet at the event counter row (and at the calls, see
     * V9__daemons.sql): the later one fails as a serialization failure, and its writer tries the batch again.
     */
    POSTGRESQL("postgresql") {
        @Override
        void configure(HikariConfig hikari, StorageConfig config) {
            hikari.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
            hikari.addDataSourceProperty("ApplicationName", "callcontrol");
        }
    };

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    static Dialect of(StorageConfig config) {
        return config.isSqlite() ? SQLITE : POSTGRESQL;
    }

    /** The folder of the migration scripts, under db/. */
    String folder() {
        return folder;
    }

    /** Connection settings of the pool. */
    abstract void configure(HikariConfig hikari, StorageConfig config);

    private static void createParentFolder(String file) {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("cannot create the store's folder " + parent + ": " + e.getMessage(), e);
        }
    }
}
