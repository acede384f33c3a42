package io.callcontrol;

import io.callcontrol.agi.AgiHooks;
import io.callcontrol.ami.AmiLink;
import io.callcontrol.ami.AmiTranslator;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.ChannelFact;
import io.callcontrol.cluster.LeaderDuties;
import io.callcontrol.cluster.Leadership;
import io.callcontrol.cluster.OtherWriters;
import io.callcontrol.config.AmiServerConfig;
import io.callcontrol.config.AmiServersConfig;
import io.callcontrol.config.Config;
import io.callcontrol.config.FacesConfig;
import io.callcontrol.control.AmiControlLink;
import io.callcontrol.control.CallControl;
import io.callcontrol.control.CallLegs;
import io.callcontrol.control.StoredTrace;
import io.callcontrol.control.Supervisors;
import io.callcontrol.dial.AmiDialer;
import io.callcontrol.dial.AsteriskServers;
import io.callcontrol.face.callkeeper.CallkeeperFace;
import io.callcontrol.face.novofon.NovofonFace;
import io.callcontrol.face.novofon.NovofonHandler;
import io.callcontrol.face.prostiezvonki.ProstiezvonkiFace;
import io.callcontrol.face.uis.UisFace;
import io.callcontrol.http.BaseUrl;
import io.callcontrol.http.HttpApiServer;
import io.callcontrol.http.monitor.HealthCheck;
import io.callcontrol.inbound.InboundTranslator;
import io.callcontrol.inbound.OperatorLegFact;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.operator.OperatorDevices;
import io.callcontrol.push.Changes;
import io.callcontrol.push.EventFeed;
import io.callcontrol.push.Webhooks;
import io.callcontrol.recording.RecordingKeeper;
import io.callcontrol.schedule.CallScheduler;
import io.callcontrol.storage.CallActions;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.DaemonCalls;
import io.callcontrol.storage.Database;
import io.callcontrol.storage.EventLog;
import io.callcontrol.storage.ScheduleStore;
import io.callcontrol.storage.SqlHistory;
import io.callcontrol.storage.SqlStats;
import io.callcontrol.storage.WebhookCursors;
import io.callcontrol.track.Reconciler;
import io.callcontrol.track.TrackerThread;
import io.netty.channel.ChannelHandler;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: starts its parts in order (metrics, store, its place among the daemons on the store, tracker,
 * AMI, scheduler, FastAGI, event feed, HTTP, webhooks, leader work) and stops them in reverse, each bounded in
 * time; closing twice is harmless.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** Threads reading the store for WebSocket subscribers. */
    private static final int FEED_READERS = 2;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private int httpPort;
    private AsteriskServers servers;
    private boolean fileLog;

    private Daemon() {
    }

    public static Daemon start(Config config, Clock clock) throws Exception {
        Logs.apply(config.log());
        config.servers().servers().stream().filter(server -> server.ami().usesDefaultSecret())
                .forEach(server -> log.warn("{} is the default one from asterisk-conf/: set your own in the config",
                        config.servers().secretKey(server)));
        Daemon daemon = new Daemon();
        daemon.fileLog = config.log().toFile();
        try {
            daemon.startParts(config, clock);
        } catch (Exception | Error e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    private void startParts(Config config, Clock clock) throws Exception {
        Metrics metrics = remember(new Metrics().bindJvm());
        Database database = remember(Database.open(config.storage()));
        String name = config.daemon().name();
        // first: a second daemon of this name is refused before it touches anything
        Leadership leadership = remember(database.shared() ? Leadership.shared(config.storage(), name, clock)
                : Leadership.alone(name, clock));
        SqlHistory history = new SqlHistory(database);
        CallStore store = remember(new CallStore(database, clock, name));
        DaemonCalls calls = new DaemonCalls(database, store);
        metrics.watchStore(store::backlog, store::failures);
        Changes changes = new Changes();
        store.afterCommit(changes::committed);
        EventLog events = new EventLog(database);
        RecordingKeeper recordings = remember(new RecordingKeeper(config.recordings(), store,
                () -> calls.recordingsDue(name),
                metrics));
        TrackerThread engine = remember(new TrackerThread(store, recordings, config.ami().eventQueueCapacity(), metrics));
        metrics.watchTracker(engine::backlog, engine::callsInProgress, engine::droppedFacts);

        OperatorDevices devices = new OperatorDevices(config.dial().operatorChannel());
        AmiTranslator translator = new AmiTranslator(devices::known, devices::unavailable);
        InboundTranslator inboundTranslator = new InboundTranslator(devices);
        Reconciler reconciler = remember(new Reconciler(engine, clock));
        // after each login the calls that ended unseen are closed (of that server only); their recordings, and
        // those a stopped daemon left due, are looked for again
        AsteriskServers servers = amiLinks(config, devices, translator, inboundTranslator, engine, reconciler,
                recordings, metrics);
        // stopped before AMI: the Originates still waiting stay stored, and are sent after the next start
        AmiDialer dialer = remember(new AmiDialer(config.dial(), store, engine, servers, recordings, metrics, clock));
        metrics.watchOriginates(dialer::originatesWaiting);
        CallScheduler scheduler = new CallScheduler(config.schedule(), new ScheduleStore(database, store, clock),
                history, dialer, servers::anyConnected, leadership::leading, clock);
        engine.onCallEnded(scheduler::callEnded);
        engine.start(calls.inProgress(name));
        recordings.resume(); // without waiting for AMI: a file closed before the stop can be linked at once
        dialer.start();
        reconciler.start(servers);
        servers.links().forEach(AmiLink::start);
        this.servers = servers;
        // stopped before AMI: no attempt is placed while the daemon stops
        remember(scheduler).start();

        AgiHooks agi = remember(new AgiHooks(config.agi(), engine::offerFromDialplan,
                callId -> history.call(callId).map(CallRecord::channelId), metrics));
        agi.start();

        EventFeed feed = remember(new EventFeed(events, changes, FEED_READERS));
        Webhooks webhooks = new Webhooks(config.webhooks(), events, new WebhookCursors(store, clock), changes, clock);
        HealthCheck health = () -> new HealthCheck.Report(servers.allConnected(), servers.allReady(),
                agi.listening(), store.lastFailure() == null, store.lastFailure(), store.backlog(), engine.backlog(),
                engine.droppedFacts(), dialer.originatesWaiting(), name, leadership.role(),
                leadership.since().atZone(ZoneId.systemDefault()).toOffsetDateTime().toString(),
                serverHealth(servers));
        Map<String, Function<Executor, ChannelHandler>> faces = new HashMap<>();
        CallControl control = new CallControl(history, new AmiControlLink(servers, clock),
                new CallLegs(config.dial()::operatorChannel), new StoredTrace(new CallActions(store, history, clock)),
                new Supervisors(config.control()::supervisor, config.dial()::operatorChannel), recordings::fileOf);
        if (config.faces().serves(FacesConfig.NOVOFON)) {
            faces.put(NovofonHandler.PATH, NovofonFace.handler(config.novofon(), dialer, history, control, clock));
        }
        if (config.faces().serves(FacesConfig.UIS)) {
            faces.put(UisFace.PATH, UisFace.handler(config.uis(), dialer, clock));
        }
        if (config.faces().serves(FacesConfig.CALLKEEPER)) {
            faces.putAll(CallkeeperFace.handlers(config.callkeeper(), scheduler, clock));
        }
        if (config.faces().serves(FacesConfig.PROSTIEZVONKI)) {
            faces.putAll(ProstiezvonkiFace.handlers(config.prostiezvonki(), config.http(), feed, history, dialer));
        }
        HttpApiServer http = remember(new HttpApiServer(new HttpApiServer.Parts(config.http(), config.recordings(),
                history, dialer, scheduler, new SqlStats(history), health, metrics, feed, webhooks::status,
                ZoneId.systemDefault(), Clock.systemUTC(), faces, config.dashboard(), control)));
        httpPort = http.start();

        String links = BaseUrl.listening(config.http(), httpPort);
        if (!config.webhooks().urls().isEmpty() && config.http().publicUrl().isEmpty()) {
            log.warn("webhooks: recording links point at {}, which a CRM on another host may not reach;"
                    + " set http.public.url to the address it uses", links);
        }
        remember(webhooks).startPaused(links); // delivering while leading
        if (database.shared()) {
            remember(new OtherWriters(events, changes).start());
        }
        leadership.start(remember(new LeaderDuties(webhooks, scheduler, calls, engine, reconciler, recordings, name)));
        metrics.watchRole(leadership::leading, () -> leadership.since().getEpochSecond());
        log.info("callcontrol serving HTTP on {}:{}, FastAGI on {}:{}, AMI {}", config.http().bind(), httpPort,
                config.agi().bind(), config.agi().port(),
                config.servers().servers());
    }

    /**
     * One AMI link per Asterisk server, each with its own reconnect and resync; a server's events count only for
     * the calls and operators placed on it (with one server: all of them).
     */
    private AsteriskServers amiLinks(Config config, OperatorDevices devices, AmiTranslator translator,
            InboundTranslator inboundTranslator, TrackerThread engine, Reconciler reconciler, RecordingKeeper recordings,
            Metrics metrics) {
        AmiServersConfig servers = config.servers();
        List<AmiLink> links = new ArrayList<>();
        for (AmiServerConfig server : servers.servers()) {
            String name = server.name();
            Predicate<CallRecord> placedHere = call -> servers.places(name, call.sip());
            AmiLink link = remember(new AmiLink(name, server.ami(),
                    event -> dispatch(event, devices, translator, inboundTranslator, engine,
                            servers.several() ? placedHere : null,
                            sip -> servers.places(name, sip)),
                    () -> {
                        reconciler.onLogin(name);
                        recordings.resume();
                    }, metrics));
            metrics.watchAmi(name, link::connected, link::ready);
            links.add(link);
        }
        return AsteriskServers.of(servers, links);
    }

    private static Map<String, HealthCheck.Report.Server> serverHealth(AsteriskServers servers) {
        Map<String, HealthCheck.Report.Server> health = new LinkedHashMap<>();
        servers.links().forEach(link -> health.put(link.name(),
                new HealthCheck.Report.Server(link.describe(), link.connected(), link.ready())));
        return health;
    }

    /** On asterisk-java's event thread: translate and queue, nothing more. */
    private static void dispatch(ManagerEvent event, OperatorDevices devices, AmiTranslator translator,
            InboundTranslator inboundTranslator, TrackerThread engine, Predicate<CallRecord> placedHere,
            Predicate<String> operatorHere) {
        if (event instanceof DeviceStateChangeEvent change) {
            String sip = devices.sipOf(change.getDevice());
            if (sip != null && !operatorHere.test(sip)) {
                return; // another server's operator: only the server that places its calls tells its state
            }
            devices.seen(change.getDevice(), change.getState());
            if (sip != null) {
                engine.presence(sip, OperatorDevices.presence(change.getState()), change.getState());
            }
            return;
        }
        ChannelFact fact = translator.fact(event);
        if (fact != null) {
            if (placedHere == null) {
                engine.offer(fact);
            } else {
                engine.offer(fact, placedHere);
            }
            return;
        }
        OperatorLegFact inbound = inboundTranslator.fact(event);
        if (inbound != null && servedHere(inbound, operatorHere)) {
            engine.offer(inbound);
        }
    }

    /**
     * A ring of an operator's phone counts only on the server that serves the operator (the one that tells its
     * presence); a hangup names no operator and counts for a conversation followed already.
     */
    private static boolean servedHere(OperatorLegFact fact, Predicate<String> operatorHere) {
        if (fact instanceof OperatorLegFact.Rung rung) {
            return operatorHere.test(rung.sip());
        }
        return !(fact instanceof OperatorLegFact.RingEnded ended) || operatorHere.test(ended.sip());
    }

    private <T extends AutoCloseable> T remember(T part) {
        started.push(part);
        return part;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Logged in to the AMI of every Asterisk server. */
    public boolean amiConnected() {
        return servers != null && servers.allConnected();
    }

    /** Logged in to AMI, and every Asterisk fully booted: makeCall places calls. */
    public boolean amiReady() {
        return servers != null && servers.allReady();
    }

    /** Stops every part in reverse start order; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("callcontrol stopping");
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {}: {}", part.getClass().getSimpleName(), e.getMessage());
            }
        }
        log.info("callcontrol stopped");
        if (fileLog) {
            Logs.close();
        }
    }
}
