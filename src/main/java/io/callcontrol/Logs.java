package io.callcontrol;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.callcontrol.config.ConfigException;
import io.callcontrol.config.LogConfig;
import java.time.LocalDate;
import org.slf4j.LoggerFactory;

/**
 * Applies the log.* keys to Logback, which logback.xml has set up to write to stdout: the root level, and the
 * optional rolling file, whose lines are stdout's (level, thread, logger, the call's MDC, message) after a full
 * date with offset, since the journal's own timestamps are not there to help.
 */
final class Logs {

    /** The file appender's name; applying the config again replaces it. */
    static final String FILE_APPENDER = "FILE";
    /** Set by logback.xml: everything of a line after its time. */
    private static final String LINE_PROPERTY = "LINE";

    private Logs() {
    }

    /**
     * Sets the root level and starts (or stops) the file log.
     *
     * @throws ConfigException naming log.file when the file cannot be opened for writing
     */
    static void apply(LogConfig config) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding: it is configured its own way
        }
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(config.level()));
        stopFile(context);
        if (!config.toFile()) {
            return;
        }
        String file = config.file().toAbsolutePath().toString();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(FILE_APPENDER);
        appender.setFile(file);

        LogArchives archives = new LogArchives(config.file(), config.maxHistoryDays(), config.totalBytes());
        archives.prune(LocalDate.now());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new PruningRollingPolicy<>(archives);
        rolling.setContext(context);
        rolling.setParent(appender);
        // the date is the JVM's local one, as LocalDate.now() above and in the rollover
        rolling.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
        rolling.setMaxFileSize(new FileSize(config.maxFileBytes()));
        rolling.start();
        appender.setRollingPolicy(rolling);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        String line = context.getProperty(LINE_PROPERTY);
        // a logback configuration of the admin's own may lack the property: then a plain line
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} "
                + (line != null ? line : "%-5level [%thread] %logger %mdc - %msg%n"));
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            rolling.stop();
            throw new ConfigException("log.file: cannot write " + file
                    + " (its folder must exist, or be creatable, and be writable by the daemon's user)");
        }
        root.addAppender(appender);
    }

    /** Stops the file log, if there is one: its last lines are flushed and the file closed. */
    static void close() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            stopFile(context);
        }
    }

    /** Rolls by size and day, and prunes the archives after each rollover (see {@link LogArchives} for why). */
    private static final class PruningRollingPolicy<E> extends SizeAndTimeBasedRollingPolicy<E> {

        private final LogArchives archives;

        PruningRollingPolicy(LogArchives archives) {
            this.archives = archives;
        }

        @Override
        public void rollover() {
            super.rollover();
            archives.prune(LocalDate.now());
        }
    }

    private static void stopFile(LoggerContext context) {
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> old = root.getAppender(FILE_APPENDER);
        if (old != null) {
            root.detachAppender(old);
            old.stop();
        }
    }
}
