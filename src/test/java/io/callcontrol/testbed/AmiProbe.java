package io.callcontrol.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerResponse;

/** A bare AMI client for tests: originates into the project's bridge context and records every event. */
public final class AmiProbe implements AutoCloseable {

    private final ManagerConnection connection;
    private final List<ManagerEvent> events = new ArrayList<>();

    public AmiProbe() throws Exception {
        // the testbed's own user: the daemon's one only gets the events the daemon reads
        connection = new ManagerConnectionFactory(AsteriskTestbed.AMI_HOST, AsteriskTestbed.AMI_PORT, "testbed", "testbed")
                .createManagerConnection();
        connection.addEventListener(event -> {
            synchronized (events) {
                events.add(event);
                events.notifyAll();
            }
        });
        connection.login();
    }

    /** Originates to the operator into callcontrol-bridge, as the daemon does; returns the chosen ChannelId. */
    public String originate(String operator, String phone, Duration operatorTimeout, Duration clientTimeout)
            throws Exception {
        String channelId = "cc-probe-" + UUID.randomUUID().toString().substring(0, 8);
        OriginateAction originate = new OriginateAction();
        originate.setChannel("PJSIP/" + operator);
        originate.setContext("callcontrol-bridge");
        originate.setExten("s");
        originate.setPriority(1);
        originate.setAsync(true);
        originate.setTimeout(operatorTimeout.toMillis());
        originate.setChannelId(channelId);
        originate.setVariables(Map.of(
                "CC_CALL_ID", "0",
                "CC_CLIENT_CHANNEL", "PJSIP/" + phone + "@trunk",
                "CC_CLIENT_TIMEOUT", Long.toString(clientTimeout.toSeconds()),
                "CC_RECORDING", "probe/" + channelId + ".wav"));
        ManagerResponse response = connection.sendAction(originate, 5_000);
        if (!"Success".equals(response.getResponse())) {
            throw new IllegalStateException("Originate refused: " + response.getMessage());
        }
        return channelId;
    }

    /** Waits for the first event matching, or fails after the timeout. */
    public <T extends ManagerEvent> T await(Class<T> type, Predicate<T> match, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (ManagerEvent event : events) {
                    if (type.isInstance(event) && match.test(type.cast(event))) {
                        return type.cast(event);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " matching in " + timeout + "; saw "
                            + events.size() + " events");
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public <T extends ManagerEvent> List<T> seen(Class<T> type, Predicate<T> match) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).filter(match).toList();
        }
    }

    @Override
    public void close() {
        connection.logoff();
    }
}
