package io.callcontrol.ami;

import java.util.HashSet;
import java.util.Set;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerResponse;

/** The Linkedids of every channel Asterisk has right now (CoreShowChannels), to find calls that died unseen. */
final class LiveChannels {

    private LiveChannels() {
    }

    static Set<String> linkedIds(org.asteriskjava.manager.ManagerConnection connection, long timeoutMs) throws Exception {
        var events = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), timeoutMs);
        ManagerResponse response = events.getResponse();
        if (response == null || !"Success".equalsIgnoreCase(response.getResponse())) {
            throw new IllegalStateException("CoreShowChannels failed: " + (response == null ? "no response" : response.getMessage()));
        }
        Set<String> linked = new HashSet<>();
        for (ResponseEvent event : events.getEvents()) {
            if (event instanceof CoreShowChannelEvent channel) {
                linked.add(channel.getLinkedid());
                linked.add(channel.getUniqueid());
            }
        }
        return linked;
    }
}
