package io.callcontrol.agi;

import io.callcontrol.call.Fact;
import io.callcontrol.config.AgiConfig;
import io.callcontrol.metrics.Metrics;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI server the dialplan's hooks call (extensions_callcontrol.conf). Only the scripts named here
 * run: the explicit mapping keeps asterisk-java from instantiating whatever class a URL names.
 */
public final class AgiHooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgiHooks.class);
    private static final int SOCKET_READ_TIMEOUT_MS = 10_000;
    private static final AgiScript REFUSED = (request, channel) -> { };

    private final AgiConfig config;
    private final HookGuard guard;
    private final DefaultAgiServer server;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param facts           where the facts of accepted hooks go
     * @param channelIdOfCall the stored channel id of a call, empty when there is no such call: a hook must name its
     *                        call by it (see {@link HookGuard})
     */
    public AgiHooks(AgiConfig config, Consumer<Fact> facts, LongFunction<Optional<String>> channelIdOfCall,
            Metrics metrics) {
        this.config = config;
        this.guard = new HookGuard(channelIdOfCall, metrics);
        SimpleMappingStrategy scripts = new SimpleMappingStrategy();
        AnsweredScript answered = new AnsweredScript(facts, guard);
        scripts.setMappings(Map.<String, AgiScript>of(
                "operator-answered", answered,
                "client-answered", answered,
                "call-ended", new CallEndedScript(facts, guard)));
        this.server = new DefaultAgiServer(onlyFromAllowedPeers(scripts)) {
            // asterisk-java binds inside its blocking loop; this tells start() when the port really listens
            @Override
            protected ServerSocketFacade createServerSocket() throws IOException {
                try {
                    ServerSocketFacade socket = super.createServerSocket();
                    listening.complete(null);
                    return socket;
                } catch (IOException e) {
                    listening.completeExceptionally(e);
                    throw e;
                }
            }
        };
        server.setPort(config.port());
        server.setPoolSize(2);
        server.setMaximumPoolSize(config.maxThreads());
        server.setSocketReadTimeout(SOCKET_READ_TIMEOUT_MS);
    }

    /**
     * Hooks from a peer outside agi.allow do nothing: a fact must come from the Asterisk we trust, not from
     * anyone who can reach the port.
     */
    private MappingStrategy onlyFromAllowedPeers(MappingStrategy scripts) {
        return (request, channel) -> {
            InetAddress peer = request.getRemoteAddress();
            if (peer == null || config.allow().stream().noneMatch(range -> range.contains(peer))) {
                guard.refuse(HookGuard.Refusal.PEER, request.getScript(), "peer " + peer);
                return REFUSED;
            }
            return scripts.determineScript(request, channel);
        };
    }

    /** Binds agi.bind:agi.port and serves on its own thread; returns once it listens, or throws why it cannot. */
    public void start() throws IOException {
        server.setAddress(InetAddress.getByName(config.bind()));
        thread = new Thread(() -> {
            try {
                server.startup();
            } catch (IOException e) {
                if (!closed) {
                    log.error("FastAGI: cannot serve on {}:{}: {}", config.bind(), config.port(), e.getMessage());
                }
            }
        }, "agi-server");
        thread.start();
        try {
            listening.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            close();
            throw new IOException("agi.bind/agi.port: cannot listen on " + config.bind() + ":" + config.port() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            close();
            throw new IOException("agi.bind/agi.port: the FastAGI server did not start listening", e);
        }
        log.info("FastAGI: listening on {}:{}", config.bind(), config.port());
    }

    /** Whether the server listens now. */
    public boolean listening() {
        return !closed && thread != null && thread.isAlive() && listening.isDone()
                && !listening.isCompletedExceptionally();
    }

    /** Stops accepting and waits a little for the thread; idempotent. */
    @Override
    public void close() {
        if (closed || thread == null) {
            closed = true;
            return;
        }
        closed = true;
        try {
            server.shutdown();
            thread.join(5_000);
        } catch (IllegalStateException e) {
            log.debug("FastAGI: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
