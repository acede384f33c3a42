package io.callcontrol.bench;

import io.callcontrol.testbed.PostgresCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The store a benchmark's daemon runs on. SQLite: a file in the benchmark's folder. PostgreSQL: a fresh schema of
 * the run's cluster ({@link PostgresCluster}, started durable by {@link Bench}: fsync on, as a production server),
 * given to the daemon as {@code storage.url=jdbc:postgresql://127.0.0.1:PORT/...} with its credentials.
 */
enum BenchStore {

    SQLITE("SQLite", ""),
    POSTGRESQL("PostgreSQL", "-postgresql");

    /** How the table names it. */
    final String label;
    /** What its results file's name adds after the suite's: ingest.tsv, ingest-postgresql.tsv. */
    final String fileSuffix;

    BenchStore(String label, String fileSuffix) {
        this.label = label;
        this.fileSuffix = fileSuffix;
    }

    /** {@code sqlite}, {@code postgresql} or {@code both}. */
    static List<BenchStore> parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> List.of(SQLITE);
            case "postgresql" -> List.of(POSTGRESQL);
            case "both" -> List.of(SQLITE, POSTGRESQL);
            default -> throw new IllegalArgumentException("--store " + name + ": sqlite, postgresql or both");
        };
    }

    /** A suite's label in the table: SQLite's as it always was, PostgreSQL's with the store named. */
    String label(String suite) {
        return this == SQLITE ? suite : suite + " (" + label + ")";
    }

    /**
     * The settings of a new, empty store: SQLite's file in {@code data}; a fresh PostgreSQL schema (the daemon's
     * other files still go to {@code data}).
     */
    Map<String, String> fresh(Path data) {
        Map<String, String> settings = new HashMap<>();
        if (this == POSTGRESQL) {
            settings.putAll(PostgresCluster.freshStoreSettings());
        }
        settings.put("data.dir", data.toString());
        return settings;
    }
}
