package io.callcontrol.config;

import java.nio.file.Path;

/** Where Asterisk's MixMonitor writes (its monitor folder, as this host sees it), and in which format. */
public record RecordingsConfig(Path dir, String format) {

    static RecordingsConfig from(Settings s) {
        String format = s.nonEmpty("recordings.format", "wav");
        if (!format.matches("wav|WAV|gsm|wav49")) {
            throw new ConfigException("recordings.format: '" + format + "' is not one of wav, WAV, gsm, wav49");
        }
        return new RecordingsConfig(s.path("recordings.dir", Path.of("/var/spool/asterisk/monitor")), format);
    }
}
