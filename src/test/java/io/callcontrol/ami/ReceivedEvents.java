package io.callcontrol.ami;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Records what asterisk-java delivers and tells when a replay has ended (by {@link ReplayEndEvent}) or a connection
 * was lost (by the DisconnectEvent).
 */
final class ReceivedEvents implements ManagerEventListener {

    private final List<ManagerEvent> events = new ArrayList<>();
    private final Semaphore replaysEnded = new Semaphore(0);
    private final Semaphore disconnects = new Semaphore(0);

    @Override
    public void onManagerEvent(ManagerEvent event) {
        if (event instanceof ReplayEndEvent) {
            replaysEnded.release();
            return;
        }
        synchronized (events) {
            events.add(event);
        }
        if (event instanceof DisconnectEvent) {
            disconnects.release();
        }
    }

    /** Waits until {@code replays} replays have ended; false when they did not within the timeout. */
    boolean awaitReplays(int replays, Duration timeout) throws InterruptedException {
        return replaysEnded.tryAcquire(replays, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code count} connections were lost; false when they were not within the timeout. */
    boolean awaitDisconnects(int count, Duration timeout) throws InterruptedException {
        return disconnects.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * {@link #events()} less the session's own: asterisk-java's ConnectEvent (sent by the login's thread while the
     * reader already delivers what followed the login) and the FullyBooted that greets every login.
     */
    List<ManagerEvent> replayed() {
        return events().stream().filter(e -> !(e instanceof ConnectEvent || e instanceof FullyBootedEvent)).toList();
    }

    /** Every event so far but the markers, in delivery order (including asterisk-java's own Connect/Disconnect). */
    List<ManagerEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
