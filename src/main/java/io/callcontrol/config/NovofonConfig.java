package io.callcontrol.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Novofon face ({@code POST /novofon/v4.0}): who may use it and how much. {@code keys} are its permanent access
 * keys, {@code users} the logins that {@code login.user} opens a one-hour session for; both in the form of
 * http.api.keys ({@code name:secret}). Each key, and each user across its sessions, may spend {@code ratePerMinute}
 * and {@code ratePerDay} requests (0: unlimited). With neither keys nor users the face is off.
 */
public record NovofonConfig(List<HttpConfig.ApiKey> keys, List<HttpConfig.ApiKey> users, int ratePerMinute,
        int ratePerDay) {

    static final int DEFAULT_RATE_PER_MINUTE = 60;
    static final int DEFAULT_RATE_PER_DAY = 10_000;

    public NovofonConfig {
        keys = List.copyOf(keys);
        users = List.copyOf(users);
    }

    /** The face off: no keys, no users. */
    public static NovofonConfig off() {
        return new NovofonConfig(List.of(), List.of(), DEFAULT_RATE_PER_MINUTE, DEFAULT_RATE_PER_DAY);
    }

    static NovofonConfig from(Settings s) {
        List<HttpConfig.ApiKey> keys = HttpConfig.ApiKey.list("novofon.keys", s.string("novofon.keys", ""));
        List<HttpConfig.ApiKey> users = HttpConfig.ApiKey.list("novofon.users", s.string("novofon.users", ""));
        Set<String> secrets = new HashSet<>();
        keys.forEach(key -> secrets.add(key.secret()));
        for (HttpConfig.ApiKey user : users) {
            if (secrets.contains(user.secret())) {
                // A password that is also an access key would let the key's budget be spent as the user's.
                throw new ConfigException("novofon.users: user '" + user.name()
                        + "' has the same password as a key of novofon.keys");
            }
        }
        return new NovofonConfig(keys, users,
                s.integer("novofon.rate.per.minute", DEFAULT_RATE_PER_MINUTE, 0, 100_000_000),
                s.integer("novofon.rate.per.day", DEFAULT_RATE_PER_DAY, 0, 1_000_000_000));
    }

    /** Whether the face answers at all. */
    public boolean enabled() {
        return !keys.isEmpty() || !users.isEmpty();
    }

    /** Never prints a secret: keys and users appear by name only. */
    @Override
    public String toString() {
        return "NovofonConfig[keys=" + keys + ", users=" + users + ", rate=" + ratePerMinute + "/min " + ratePerDay
                + "/day]";
    }
}
