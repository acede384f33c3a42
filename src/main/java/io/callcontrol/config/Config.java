package io.callcontrol.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The daemon's whole configuration, parsed once and validated before anything starts.
 * Sources, later ones winning: built-in defaults, the properties file, environment variables
 * ({@code CALLCONTROL_AMI_SECRET} sets {@code ami.secret}), and {@code key=value} command-line arguments.
 */
public record Config(
        Path dataDir,
        LogConfig log,
        AmiConfig ami,
        AgiConfig agi,
        HttpConfig http,
        StorageConfig storage,
        RecordingsConfig recordings,
        DialConfig dial,
        WebhookConfig webhooks,
        ScheduleConfig schedule,
        NovofonConfig novofon,
        DaemonConfig daemon,
        DashboardConfig dashboard,
        AmiServersConfig servers,
        UisConfig uis,
        CallkeeperConfig callkeeper,
        ProstiezvonkiConfig prostiezvonki,
        FacesConfig faces,
        ControlConfig control) {

    private static final String ENV_PREFIX = "CALLCONTROL_";

    /** Reads a file (may be null), the environment and the overrides; throws naming the first bad key. */
    public static Config load(Path file, Map<String, String> environment, List<String> overrides) {
        Map<String, String> values = new HashMap<>();
        if (file != null) {
            values.putAll(readFile(file));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                values.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(override + ": expected key=value");
            }
            values.put(override.substring(0, eq).trim(), override.substring(eq + 1));
        }
        return from(values);
    }

    public static Config from(Map<String, String> values) {
        Settings s = new Settings(values);
        Path dataDir = s.path("data.dir", Path.of("data"));
        HttpConfig http = HttpConfig.from(s);
        AmiConfig ami = AmiConfig.from(s);
        NovofonConfig novofon = NovofonConfig.from(s);
        UisConfig uis = UisConfig.from(s);
        CallkeeperConfig callkeeper = CallkeeperConfig.from(s);
        ProstiezvonkiConfig prostiezvonki = ProstiezvonkiConfig.from(s);
        Config config = new Config(
                dataDir,
                LogConfig.from(s),
                ami,
                AgiConfig.from(s),
                http,
                StorageConfig.from(s, dataDir),
                RecordingsConfig.from(s),
                DialConfig.from(s),
                WebhookConfig.from(s),
                ScheduleConfig.from(s),
                novofon,
                DaemonConfig.from(s, http),
                DashboardConfig.from(s),
                AmiServersConfig.from(s, ami),
                uis,
                callkeeper,
                prostiezvonki,
                FacesConfig.from(s, novofon, uis, callkeeper, prostiezvonki),
                ControlConfig.from(s));
        s.refuseUnknownKeys();
        return config;
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config: " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("--config: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
