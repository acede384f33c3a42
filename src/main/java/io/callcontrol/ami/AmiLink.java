package io.callcontrol.ami;

import io.callcontrol.config.AmiConfig;
import io.callcontrol.metrics.AmiMeters;
import io.callcontrol.metrics.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ShutdownEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI connection to one Asterisk server. The first login is retried with backoff until it works (asterisk-java
 * does not retry it); after that asterisk-java reconnects by itself (its tries wait for a refusing port, see
 * {@link AmiConnection#createSocket()}), and every (re)connect runs
 * {@code onConnect} on this link's own thread, never on asterisk-java's event thread.
 *
 * <p>A session is {@linkplain #ready() ready} for new calls once Asterisk has said it is fully booted: right after
 * the login when it is, or later with the same event when it is still starting (its AMI listens before its
 * channel drivers are loaded, and an Originate then fails without a channel, which would end the call as if
 * the operator were offline). An AMI user without {@code read=system} is never told: such a session is taken as
 * ready {@link #BOOT_WAIT} after its login, with a warning. Asterisk's Shutdown makes the session not ready again.
 */
public final class AmiLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiLink.class);
    /** How long a session waits for FullyBooted before it is taken as ready anyway. */
    static final Duration BOOT_WAIT = Duration.ofSeconds(15);
    /** The name of the one server of the single-server {@code ami.*} keys (AmiServersConfig.DEFAULT). */
    private static final String DEFAULT = "default";

    private final String name;
    /** How the log names this link: "AMI" for the one server of the ami.* keys, "AMI pbx1" for a named one. */
    private final String who;
    private final AmiConfig config;
    private final AmiConnection connection;
    private final ScheduledExecutorService worker;
    private final Runnable onConnect;
    private final Duration bootWait;
    /** Set by Asterisk's FullyBooted (or at {@link #bootWait}); cleared by its Shutdown and when the session ends. */
    private volatile boolean booted;
    /**
     * Counts the logins (and Shutdowns), so that a late BOOT_WAIT check of an ended session leaves the next one
     * alone, and one that Asterisk's Shutdown overtook does nothing.
     */
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param events    receives every event on asterisk-java's event thread: must only translate and queue
     * @param onConnect runs after each successful (re)login, on the link's thread: resynchronise there
     * @param metrics   counts the events and the logins
     */
    public AmiLink(AmiConfig config, Consumer<ManagerEvent> events, Runnable onConnect, Metrics metrics) {
        this(DEFAULT, config, events, onConnect, metrics, BOOT_WAIT);
    }

    /** The link to the server {@code name} of {@code ami.servers}; its meters and log lines carry the name. */
    public AmiLink(String name, AmiConfig config, Consumer<ManagerEvent> events, Runnable onConnect,
            Metrics metrics) {
        this(name, config, events, onConnect, metrics, BOOT_WAIT);
    }

    AmiLink(AmiConfig config, Consumer<ManagerEvent> events, Runnable onConnect, Metrics metrics,
            Duration bootWait) {
        this(DEFAULT, config, events, onConnect, metrics, bootWait);
    }

    private AmiLink(String name, AmiConfig config, Consumer<ManagerEvent> events, Runnable onConnect,
            Metrics metrics, Duration bootWait) {
        this.name = name;
        this.who = DEFAULT.equals(name) ? "AMI" : "AMI " + name;
        this.worker = Executors.newSingleThreadScheduledExecutor(
                r -> new Thread(r, DEFAULT.equals(name) ? "ami-link" : "ami-link-" + name));
        AmiMeters meters = metrics.ami(name);
        this.config = config;
        this.onConnect = onConnect;
        this.bootWait = bootWait;
        this.connection = new AmiConnection(config);
        connection.addEventListener(event -> {
            meters.event();
            if (event instanceof FullyBootedEvent) {
                booted = true;
            } else if (event instanceof ShutdownEvent) {
                booted = false; // until the next session's FullyBooted: Asterisk is going down
                sessions.incrementAndGet(); // and a pending BOOT_WAIT check must not take it as booted
                log.warn("{}: Asterisk is shutting down; no new calls until it is back", who);
            } else if (event instanceof ConnectEvent) {
                log.info("{}: connected to {}:{}", who, config.host(), config.port());
                meters.loggedIn();
                worker.execute(this.onConnect);
                int session = sessions.incrementAndGet();
                worker.schedule(() -> assumeBooted(session), bootWait.toMillis(), TimeUnit.MILLISECONDS);
            } else if (event instanceof DisconnectEvent) {
                // before asterisk-java's reconnect can log in again: the next session's FullyBooted comes after it
                booted = false;
                log.warn("{}: disconnected from {}:{}; asterisk-java reconnects", who, config.host(), config.port());
            }
            events.accept(event);
        });
    }

    /**
     * Starts logging in, in the background, until it succeeds or the link is closed; then pings at a third of
     * the read timeout, so a quiet link is not taken for a dead one, and a dead one is noticed.
     */
    public void start() {
        worker.execute(this::firstLogin);
        long ping = config.readTimeout().toMillis() / 3;
        worker.scheduleWithFixedDelay(this::ping, ping, ping, TimeUnit.MILLISECONDS);
    }

    /** The server's name ({@code ami.servers}), {@code default} for the one of the {@code ami.*} keys. */
    public String name() {
        return name;
    }

    public boolean connected() {
        return connection.getState() == ManagerConnectionState.CONNECTED;
    }

    /** Connected, and Asterisk fully booted and not shutting down: new calls can be placed. */
    public boolean ready() {
        return booted && connected();
    }

    /** Sends an action; the response arrives on asterisk-java's event thread. Throws when not connected. */
    public void send(ManagerAction action, Consumer<ManagerResponse> onResponse) throws AmiUnavailableException {
        if (!connected()) {
            throw new AmiUnavailableException("no AMI connection to " + describe());
        }
        try {
            connection.sendAction(action, onResponse::accept);
        } catch (Exception e) {
            throw new AmiUnavailableException("AMI action " + action.getAction() + " not sent: " + e.getMessage());
        }
    }

    /**
     * The uniqueids and Linkedids of every channel Asterisk has now. Blocks for the answer: call it from the
     * {@code onConnect} hook, never from an event listener.
     */
    public Set<String> liveChannelIds() throws Exception {
        return LiveChannels.linkedIds(connection, config.readTimeout().toMillis());
    }

    /** The server as an answer to the CRM names it: "Asterisk", or "Asterisk 'pbx1'" when it has a name. */
    public String label() {
        return DEFAULT.equals(name) ? "Asterisk" : "Asterisk '" + name + "'";
    }

    /** The server as a message names it: its address, and its name when it has one of its own. */
    public String describe() {
        return (DEFAULT.equals(name) ? "" : "Asterisk '" + name + "' at ") + config.host() + ":" + config.port();
    }

    /**
     * Every channel Asterisk has now, as CoreShowChannels lists it. Blocks for the answer (bounded by ami.read.timeout):
     * never call it from an event listener.
     */
    public List<CoreShowChannelEvent> channels() throws Exception {
        return LiveChannels.all(connection, config.readTimeout().toMillis());
    }

    private void ping() {
        if (connected()) {
            try {
                connection.sendAction(new PingAction(), response -> { });
            } catch (Exception e) {
                log.debug("{}: ping not sent: {}", who, e.getMessage());
            }
        }
    }

    private void assumeBooted(int session) {
        if (session == sessions.get() && connected() && !booted) {
            booted = true;
            log.warn("{}: Asterisk did not say it is fully booted within {} s of the login; placing calls anyway."
                    + " Give the AMI user read=system so that it is told (see asterisk-conf/manager.d)",
                    who, bootWait.toSeconds());
        }
    }

    private void firstLogin() {
        Duration delay = Duration.ofMillis(500);
        while (!closed) {
            try {
                connection.login();
                return;
            } catch (Exception e) {
                log.warn("{}: cannot log in to {}:{} as {}: {}; retrying in {} ms", who, config.host(), config.port(),
                        config.username(), e.getMessage(), delay.toMillis());
            }
            sleep(delay);
            delay = delay.multipliedBy(2).compareTo(config.reconnectMaxDelay()) > 0
                    ? config.reconnectMaxDelay() : delay.multipliedBy(2);
        }
    }

    private void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Logs off and stops; bounded, idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        worker.shutdownNow();
        connection.stopConnecting();
        ManagerConnectionState state = connection.getState();
        if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
            try {
                connection.logoff();
            } catch (IllegalStateException e) {
                log.debug("{}: logoff: {}", who, e.getMessage());
            }
        }
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("{}: link thread did not stop in 5 s", who);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
