package io.callcontrol.dial;

import io.callcontrol.ami.AmiLink;
import io.callcontrol.ami.AmiUnavailableException;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.Fact;
import io.callcontrol.call.FirstParty;
import io.callcontrol.config.DialConfig;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.recording.RecordingKeeper;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Commits;
import io.callcontrol.storage.DuplicateExternalKeyException;
import io.callcontrol.storage.ScheduleStore;
import io.callcontrol.track.TrackerThread;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * makeCall: the call is committed to the store first (so its call_id is never lost), then its Originate asks
 * Asterisk to ring the first party (the operator, or the client in client-first calls) and, once answered, run the
 * context that dials the other one. The Originate goes through the {@link OriginateQueue}, at most
 * {@code dial.max.rate} a second: makeCall answers once the call is stored, whether its Originate went out at once
 * or waits its turn. releaseCall: the tracker notes the release, then Asterisk hangs the call up (a call whose
 * Originate still waits its turn is taken out of the queue instead: nothing rings).
 */
public final class AmiDialer implements Dialer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiDialer.class);
    /** How long makeCall waits for the store; past it nothing is written and the CRM is told. */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);
    /** How long releaseCall waits for the tracker, then for Asterisk's answer to the Hangup. */
    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);
    /** Q.850 normal clearing: what the phones are told when the CRM releases a call. */
    private static final int NORMAL_CLEARING = 16;

    private final DialConfig dial;
    private final CallStore store;
    private final TrackerThread engine;
    private final AsteriskServers servers;
    private final RecordingKeeper recordings;
    private final Metrics metrics;
    private final Clock clock;
    /** One queue per server ({@code dial.max.rate} each): a server that is down holds only its own calls back. */
    private final Map<String, OriginateQueue> originates = new LinkedHashMap<>();

    public AmiDialer(DialConfig dial, CallStore store, TrackerThread engine, AmiLink ami,
            RecordingKeeper recordings, Metrics metrics, Clock clock) {
        this(dial, store, engine, AsteriskServers.single(ami), recordings, metrics, clock);
    }

    public AmiDialer(DialConfig dial, CallStore store, TrackerThread engine, AsteriskServers servers,
            RecordingKeeper recordings, Metrics metrics, Clock clock) {
        this.dial = dial;
        this.store = store;
        this.engine = engine;
        this.servers = servers;
        this.recordings = recordings;
        this.metrics = metrics;
        this.clock = clock;
        for (AmiLink link : servers.links()) {
            originates.put(link.name(), new OriginateQueue(dial.maxRate(), clock, link::ready,
                    (call, accepted) -> send(link, call, accepted)));
        }
        engine.onNotSent(call -> queueOf(call).ifPresentOrElse(queue -> queue.resume(call), () -> notRouted(call)));
    }

    /** Starts sending the Originates that wait their turn. */
    public void start() {
        originates.values().forEach(OriginateQueue::start);
    }

    /** Calls stored whose Originate has not gone out yet: waiting for their slot, or for Asterisk. */
    public int originatesWaiting() {
        return originates.values().stream().mapToInt(OriginateQueue::depth).sum();
    }

    /** The server ({@code ami.servers}) that places the operator's calls; empty when none does. */
    @Override
    public Optional<String> serverOf(String sip) {
        return servers.serverOf(sip);
    }

    @Override
    public CallRecord makeCall(CallRequest request) throws CallRefusedException {
        long accepted = System.nanoTime();
        AmiLink ami = servers.linkOf(request.sip()).orElseThrow(() -> CallRefusedException.invalid("sip",
                "operator " + request.sip() + " is on no Asterisk server: no ami.<name>.operators lists it"));
        if (!ami.ready()) {
            throw new CallRefusedException(CallRefusedException.Reason.ASTERISK_UNAVAILABLE, null, ami.connected()
                    ? ami.label() + " is starting or shutting down; no call was placed, try again in a moment"
                    : ami.label() + " is not connected (AMI); no call was placed, try again later");
        }
        CallRecord call = store(request);
        metrics.callStarted();
        engine.track(call);
        // from here the call is the CRM's: never refused, its Originate goes out now or in its turn
        originates.get(ami.name()).submit(call, accepted);
        return call;
    }

    private Optional<OriginateQueue> queueOf(CallRecord call) {
        return servers.serverOf(call.sip()).map(originates::get);
    }

    /** A call resumed after a restart whose operator no server serves now (the config changed): it cannot go out. */
    private void notRouted(CallRecord call) {
        log.error("call {}: operator {} is on no Asterisk server now (ami.<name>.operators); its Originate is not"
                + " sent", call.callId(), call.sip());
        engine.offer(new Fact.OriginateNotSent(call.callId(), "operator " + call.sip() + " is on no Asterisk server"));
    }

    /** Writes the call's Originate to AMI (the queue's sender); throws, sending nothing, when the link is down. */
    private void send(AmiLink ami, CallRecord call, long acceptedNanos) throws AmiUnavailableException {
        try {
            ami.send(originate(call), response -> {
                if (response instanceof ManagerError) {
                    metrics.originateRefused();
                    engine.offer(new Fact.OriginateNotSent(call.callId(), "Asterisk refused: " + response.getMessage()));
                }
            });
        } catch (AmiUnavailableException e) {
            metrics.originateNotSent();
            throw e;
        }
        metrics.originateSent(System.nanoTime() - acceptedNanos);
        engine.originateSent(call.callId(), clock.instant());
    }

    /** Stops sending Originates; the calls still waiting are sent after the next start. */
    @Override
    public void close() {
        originates.values().forEach(OriginateQueue::close);
    }

    /**
     * Hangs up the call's first leg, the channel the daemon originated (its uniqueid is the call's channel id);
     * Asterisk then ends the Dial and the bridge, so every other leg goes with it.
     */
    @Override
    public Optional<TrackerThread.Releasing> release(long callId) throws CallRefusedException {
        // a call whose Originate waits (for its slot, or for Asterisk) can be released without Asterisk
        if (!servers.anyConnected() && originates.values().stream().noneMatch(queue -> queue.waiting(callId))) {
            throw new CallRefusedException(CallRefusedException.Reason.ASTERISK_UNAVAILABLE, null,
                    "Asterisk is not connected (AMI); nothing was hung up, try again later");
        }
        Optional<TrackerThread.Releasing> releasing = await(engine.release(callId), "the call tracker");
        if (releasing.isEmpty()) {
            return releasing;
        }
        if (originates.values().stream().anyMatch(queue -> queue.withdraw(callId))) {
            // nothing rang yet and nothing will: the call ends here, as released
            engine.offer(new Fact.OriginateNotSent(callId, "released while its Originate waited its turn"));
            log.info("call {}: released through the API before its Originate was sent", callId);
            return releasing;
        }
        CompletableFuture<ManagerResponse> answer = new CompletableFuture<>();
        try {
            AmiLink ami = servers.linkOf(releasing.get().call().sip()).orElseThrow(() -> new AmiUnavailableException(
                    "operator " + releasing.get().call().sip() + " is on no Asterisk server"));
            ami.send(new HangupAction(releasing.get().call().channelId(), NORMAL_CLEARING), answer::complete);
        } catch (AmiUnavailableException e) {
            engine.offer(new Fact.ReleaseNotDone(callId));
            throw new CallRefusedException(CallRefusedException.Reason.ASTERISK_UNAVAILABLE, null,
                    "call " + callId + " was not released: " + e.getMessage());
        }
        ManagerResponse response = await(answer, "Asterisk");
        if (response instanceof ManagerError) {
            engine.offer(new Fact.ReleaseNotDone(callId));
            throw new CallRefusedException(CallRefusedException.Reason.NOT_RELEASED, null, "call " + callId
                    + " was not released: Asterisk has no channel of it to hang up (" + response.getMessage()
                    + "); it is starting or ending right now, see callHistory");
        }
        log.info("call {}: released through the API at {}", callId, releasing.get().status());
        return releasing;
    }

    private static <T> T await(CompletableFuture<T> answer, String who) throws CallRefusedException {
        try {
            return answer.get(RELEASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new CallRefusedException(CallRefusedException.Reason.ASTERISK_UNAVAILABLE, null, who
                    + " did not answer in " + RELEASE_TIMEOUT.toSeconds() + " s; the release may still take effect,"
                    + " see callHistory");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallRefusedException(CallRefusedException.Reason.ASTERISK_UNAVAILABLE, "interrupted", e);
        }
    }

    private CallRecord store(CallRequest request) throws CallRefusedException {
        try {
            // past the deadline the writer does not run it, and a wait that gave up withdraws it: 503 is then true
            return Commits.await(store.createCall(request.sip(), request.phone(), request.orderId(),
                    request.externalKey(), request.first(), STORE_TIMEOUT), STORE_TIMEOUT);
        } catch (Commits.UnconfirmedException e) {
            log.error("makeCall: {} (external_key {})", e.getMessage(), request.externalKey());
            throw new CallRefusedException(CallRefusedException.Reason.STORE_UNAVAILABLE, e.getMessage()
                    + "; the call may be recorded: makeCall again with the same external_key tells", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DuplicateExternalKeyException
                    || e.getCause() instanceof ScheduleStore.ExternalKeyScheduledException) {
                throw new CallRefusedException(CallRefusedException.Reason.DUPLICATE_EXTERNAL_KEY, "external_key",
                        "external_key: " + e.getCause().getMessage() + "; no second call was placed");
            }
            log.error("makeCall: cannot store the call: {}", e.getCause().getMessage());
            throw new CallRefusedException(CallRefusedException.Reason.STORE_UNAVAILABLE,
                    "the call could not be stored, so it was not placed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new CallRefusedException(CallRefusedException.Reason.STORE_UNAVAILABLE,
                    "the store did not answer in " + STORE_TIMEOUT.toSeconds() + " s; the call was not placed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallRefusedException(CallRefusedException.Reason.STORE_UNAVAILABLE, "interrupted", e);
        }
    }

    /**
     * Rings the first party into the context that dials the other one. Every value here is validated
     * (CallRequest) or generated by the daemon: nothing can inject a header.
     */
    private OriginateAction originate(CallRecord call) {
        OriginateAction originate = new OriginateAction();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("CC_CALL_ID", Long.toString(call.callId()));
        if (call.first() == FirstParty.OPERATOR) {
            originate.setChannel(dial.operatorChannel(call.sip()));
            originate.setContext(dial.context());
            originate.setTimeout(dial.operatorRingTimeout().toMillis());
            // the operator's phone shows whom it is about to call
            originate.setCallerId("\"" + call.phone() + "\" <" + call.phone() + ">");
            variables.put("CC_CLIENT_CHANNEL", dial.clientChannel(call.phone()));
            variables.put("CC_CLIENT_TIMEOUT", Long.toString(dial.clientRingTimeout().toSeconds()));
        } else {
            // the client sees the caller id the trunk gives; the operator's phone shows the client's number
            originate.setChannel(dial.clientChannel(call.phone()));
            originate.setContext(dial.clientFirstContext());
            originate.setTimeout(dial.clientRingTimeout().toMillis());
            variables.put("CC_OPERATOR_CHANNEL", dial.operatorChannel(call.sip()));
            variables.put("CC_OPERATOR_TIMEOUT", Long.toString(dial.operatorRingTimeout().toSeconds()));
            variables.put("CC_CLIENT", call.phone());
        }
        originate.setExten("s");
        originate.setPriority(1);
        originate.setAsync(true);
        originate.setChannelId(call.channelId());
        variables.put("CC_RECORDING", recordings.fileOf(call));
        originate.setVariables(variables);
        return originate;
    }
}
