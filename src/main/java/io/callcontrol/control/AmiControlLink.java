package io.callcontrol.control;

import io.callcontrol.ami.AmiLink;
import io.callcontrol.ami.AmiUnavailableException;
import io.callcontrol.dial.AsteriskServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;

/** {@link ControlLink} over the daemon's AMI links, one per Asterisk server. */
public final class AmiControlLink implements ControlLink {

    /** How long an action waits for Asterisk's answer; past it the CRM is told it may still take effect. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    private final AsteriskServers servers;
    private final Clock clock;

    public AmiControlLink(AsteriskServers servers, Clock clock) {
        this.servers = servers;
        this.clock = clock;
    }

    @Override
    public List<LiveChannel> channels(String sip) throws ControlRefusedException {
        if (sip != null) {
            return channels(linkOf(sip));
        }
        List<AmiLink> connected = servers.links().stream().filter(AmiLink::connected).toList();
        if (connected.isEmpty()) {
            throw unavailable("Asterisk is not connected (AMI); nothing was done, try again later");
        }
        List<LiveChannel> channels = new ArrayList<>();
        for (AmiLink link : connected) {
            channels.addAll(channels(link));
        }
        return channels;
    }

    private AmiLink linkOf(String sip) throws ControlRefusedException {
        AmiLink link = servers.linkOf(sip).orElseThrow(() -> unavailable("no Asterisk server serves operator " + sip
                + " (ami.<name>.operators); nothing was done"));
        if (!link.connected()) {
            throw unavailable(link.label() + " is not connected (AMI); nothing was done, try again later");
        }
        return link;
    }

    private List<LiveChannel> channels(AmiLink ami) throws ControlRefusedException {
        List<CoreShowChannelEvent> listed;
        try {
            listed = ami.channels();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking Asterisk for its channels");
        } catch (Exception e) {
            throw unavailable(ami.label() + " did not list its channels (CoreShowChannels): " + e.getMessage());
        }
        Instant now = clock.instant();
        List<LiveChannel> channels = new ArrayList<>(listed.size());
        for (CoreShowChannelEvent e : listed) {
            channels.add(new LiveChannel(e.getChannel(), e.getUniqueid(), e.getLinkedid(), e.getChannelStateDesc(),
                    e.getBridgeid(), LiveChannel.since(e.getDuration(), now)));
        }
        return channels;
    }

    @Override
    public void send(String sip, ManagerAction action) throws ControlRefusedException {
        AmiLink ami = linkOf(sip);
        CompletableFuture<ManagerResponse> answer = new CompletableFuture<>();
        try {
            ami.send(action, answer::complete);
        } catch (AmiUnavailableException e) {
            throw unavailable(e.getMessage() + "; nothing was done");
        }
        ManagerResponse response;
        try {
            response = answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw unavailable("Asterisk did not answer " + action.getAction() + " in " + ANSWER_TIMEOUT.toSeconds()
                    + " s; it may still take effect");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for Asterisk's answer to " + action.getAction());
        }
        if (response instanceof ManagerError || !"Success".equalsIgnoreCase(response.getResponse())) {
            throw ControlRefusedException.of(ControlRefusedException.Reason.ASTERISK_REFUSED,
                    "Asterisk refused " + action.getAction() + ": " + response.getMessage());
        }
    }

    private static ControlRefusedException unavailable(String message) {
        return ControlRefusedException.of(ControlRefusedException.Reason.ASTERISK_UNAVAILABLE, message);
    }
}
