package io.callcontrol.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.asteriskjava.manager.action.ManagerAction;

/** An Asterisk for call control without one: the channels a test puts here, and every action it is sent, kept. */
public final class FakeLink implements ControlLink {

    public final List<LiveChannel> channels = new CopyOnWriteArrayList<>();
    public final List<ManagerAction> sent = new CopyOnWriteArrayList<>();
    /** The actions Asterisk answers with an error. */
    private volatile Predicate<ManagerAction> refuse = action -> false;
    /** What Asterisk says when it refuses one. */
    private volatile String refusal = "No such channel";
    private volatile boolean connected = true;

    public FakeLink refusing(Predicate<ManagerAction> refuse) {
        this.refuse = refuse;
        return this;
    }

    /** As {@link #refusing(Predicate)}, Asterisk answering with {@code message}. */
    public FakeLink refusing(Predicate<ManagerAction> refuse, String message) {
        this.refusal = message;
        return refusing(refuse);
    }

    public FakeLink disconnected() {
        this.connected = false;
        return this;
    }

    @Override
    public List<LiveChannel> channels(String sip) throws ControlRefusedException {
        if (!connected) {
            throw ControlRefusedException.of(ControlRefusedException.Reason.ASTERISK_UNAVAILABLE, "not connected");
        }
        return new ArrayList<>(channels);
    }

    @Override
    public void send(String sip, ManagerAction action) throws ControlRefusedException {
        if (!connected) {
            throw ControlRefusedException.of(ControlRefusedException.Reason.ASTERISK_UNAVAILABLE, "not connected");
        }
        if (refuse.test(action)) {
            throw ControlRefusedException.of(ControlRefusedException.Reason.ASTERISK_REFUSED,
                    "Asterisk refused " + action.getAction() + ": " + refusal);
        }
        sent.add(action);
    }
}
