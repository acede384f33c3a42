package io.callcontrol;

import ch.qos.logback.classic.LoggerContext;
import io.callcontrol.ami.EventClasses;
import io.callcontrol.config.Config;
import io.callcontrol.config.ConfigException;
import io.callcontrol.storage.SqliteToPostgresql;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar callcontrol.jar [--config FILE] [--check] [key=value ...]}, or
 * {@code java -jar callcontrol.jar migrate-sqlite-to-postgresql --from FILE [--config FILE] [key=value ...]}.
 * Exit codes: 0 clean stop, 2 bad command line or configuration, 1 failure.
 */
public final class Main {

    /** The command that copies a SQLite store into PostgreSQL. */
    static final String COPY = "migrate-sqlite-to-postgresql";

    private Main() {
    }

    public static void main(String[] args) {
        Path configFile = null;
        boolean checkOnly = false;
        boolean copy = args.length > 0 && args[0].equals(COPY);
        Path copyFrom = null;
        List<String> overrides = new ArrayList<>();
        for (int i = copy ? 1 : 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from" -> {
                    if (!copy || i + 1 == args.length) {
                        exit(2, "--from: needs a file, after " + COPY);
                    }
                    copyFrom = Path.of(args[++i]);
                }
                case "--config" -> {
                    if (i + 1 == args.length) {
                        exit(2, "--config: needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--check" -> checkOnly = true;
                case "--help", "-h" -> exit(0, "usage: callcontrol [--config FILE] [--check] [key=value ...]\n"
                        + "       callcontrol " + COPY + " --from FILE [--config FILE] [key=value ...]");
                default -> {
                    if (!args[i].contains("=")) {
                        exit(2, args[i] + ": unknown argument (usage: callcontrol [--config FILE] [--check] [key=value ...])");
                    }
                    overrides.add(args[i]);
                }
            }
        }
        Config config;
        try {
            config = Config.load(configFile, System.getenv(), overrides);
        } catch (ConfigException e) {
            exit(2, "callcontrol: bad configuration: " + e.getMessage());
            return;
        }
        if (copy) {
            copySqlite(copyFrom, config);
        }
        if (checkOnly) {
            // scanning the jar again costs seconds of every start, so only here (and in the packaged-jar test)
            try {
                exit(0, "configuration OK; AMI event classes: " + EventClasses.check());
            } catch (IllegalStateException e) {
                exit(1, "callcontrol: " + e.getMessage());
            }
        }
        run(config);
    }

    /** Copies a SQLite store into the configured (PostgreSQL) store, then exits; the daemon does not start. */
    private static void copySqlite(Path from, Config config) {
        if (from == null) {
            exit(2, COPY + ": needs --from FILE, the SQLite store to copy");
        }
        try {
            Map<String, Long> copied = SqliteToPostgresql.copy(from, config.storage());
            exit(0, "copied " + from + " into " + config.storage().safeUrl() + ": " + copied);
        } catch (RuntimeException e) {
            exit(1, "callcontrol: " + COPY + ": " + e.getMessage());
        }
    }

    private static void run(Config config) {
        Daemon daemon;
        try {
            daemon = Daemon.start(config, Clock.systemDefaultZone());
        } catch (ConfigException e) {
            exit(2, "callcontrol: bad configuration: " + e.getMessage());
            return;
        } catch (Exception e) {
            exit(1, "callcontrol: cannot start: " + e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            flushLog();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void exit(int code, String message) {
        flushLog();
        (code == 0 ? System.out : System.err).println(message);
        System.exit(code);
    }

    /** The log is written by a thread of its own (logback.xml): lets it write out what is queued, then stops it. */
    private static void flushLog() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
