package io.callcontrol.ami;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerResponse;

/** Every channel Asterisk has right now (CoreShowChannels): to find calls that died unseen, and to list call legs. */
final class LiveChannels {

    private LiveChannels() {
    }

    static Set<String> linkedIds(org.asteriskjava.manager.ManagerConnection connection, long timeoutMs) throws Exception {
        Set<String> linked = new HashSet<>();
        for (CoreShowChannelEvent channel : all(connection, timeoutMs)) {
            linked.add(channel.getLinkedid());
            linked.add(channel.getUniqueid());
        }
        return linked;
    }

    static List<CoreShowChannelEvent> all(org.asteriskjava.manager.ManagerConnection connection, long timeoutMs)
            throws Exception {
        var events = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), timeoutMs);
        ManagerResponse response = events.getResponse();
        if (response == null || !"Success".equalsIgnoreCase(response.getResponse())) {
            throw new IllegalStateException("CoreShowChannels failed: " + (response == null ? "no response" : response.getMessage()));
        }
        List<CoreShowChannelEvent> channels = new ArrayList<>();
        for (ResponseEvent event : events.getEvents()) {
            if (event instanceof CoreShowChannelEvent channel) {
                channels.add(channel);
            }
        }
        return channels;
    }
}
