package io.callcontrol;

import ch.qos.logback.classic.LoggerContext;
import io.callcontrol.ami.EventClasses;
import io.callcontrol.config.Config;
import io.callcontrol.config.ConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar callcontrol.jar [--config FILE] [--check] [key=value ...]}.
 * Exit codes: 0 clean stop, 2 bad command line or configuration, 1 failure.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path configFile = null;
        boolean checkOnly = false;
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 == args.length) {
                        exit(2, "--config: needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--check" -> checkOnly = true;
                case "--help", "-h" -> exit(0, "usage: callcontrol [--config FILE] [--check] [key=value ...]");
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
