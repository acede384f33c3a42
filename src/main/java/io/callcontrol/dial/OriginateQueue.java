package io.callcontrol.dial;

import io.callcontrol.ami.AmiUnavailableException;
import io.callcontrol.call.CallRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Originates of stored calls, sent to Asterisk at most {@code dial.max.rate} a second, in the order the calls
 * came, none dropped: a burst (a thousand scheduled calls due at the same second) is spread out instead of
 * overrunning Asterisk and the trunk. Under the rate, with nothing waiting, a call's Originate is sent at once on
 * its caller's thread, so makeCall's latency is what it was; otherwise it waits here for its slot, sent by the
 * {@code originate-pacer} thread. While Asterisk is not ready the queue holds its calls (an Originate then would
 * only fail) and goes on, in order, once it is.
 */
public final class OriginateQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OriginateQueue.class);
    /** How soon the queue looks again while Asterisk is not ready, or after a send failed. */
    static final Duration NOT_READY_CHECK = Duration.ofMillis(200);

    /** Writes one call's Originate to AMI; throws when it could not (the link is down): it is tried again. */
    @FunctionalInterface
    interface Sender {
        void send(CallRecord call, long acceptedNanos) throws AmiUnavailableException;
    }

    private record Waiting(CallRecord call, long acceptedNanos) {
    }

    private final Duration interval;
    private final Clock clock;
    private final BooleanSupplier ready;
    private final Sender sender;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private final Thread thread = new Thread(this::loop, "originate-pacer");
    /** The earliest instant the next Originate may go out. Guarded by {@code this}, as is {@link #waiting}. */
    private Instant nextSlot = Instant.MIN;
    private boolean notReadyLogged;
    private volatile boolean closed;

    /**
     * @param ratePerSecond most Originates a second ({@code dial.max.rate})
     * @param ready         whether Asterisk can take an Originate now
     */
    OriginateQueue(int ratePerSecond, Clock clock, BooleanSupplier ready, Sender sender) {
        this.interval = Duration.ofNanos(TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
        this.clock = clock;
        this.ready = ready;
        this.sender = sender;
    }

    void start() {
        thread.start();
    }

    /** Sends the call's Originate now when it may go out now, else queues it behind the others. Never blocks long. */
    void submit(CallRecord call, long acceptedNanos) {
        synchronized (this) {
            waiting.addLast(new Waiting(call, acceptedNanos));
            if (waiting.size() > 1 || sendDue() == null) {
                return;
            }
            notifyAll();
        }
    }

    /** Queues a call without sending anything on the caller's thread (the tracker's, which must not block). */
    synchronized void resume(CallRecord call) {
        waiting.addLast(new Waiting(call, System.nanoTime()));
        notifyAll();
    }

    /**
     * Takes a call out of the queue before its Originate goes out (it was released while waiting its turn).
     *
     * @return false when it is not waiting: sent already, or never queued
     */
    synchronized boolean withdraw(long callId) {
        return waiting.removeIf(w -> w.call().callId() == callId);
    }

    /** Whether the call's Originate waits here. */
    synchronized boolean waiting(long callId) {
        return waiting.stream().anyMatch(w -> w.call().callId() == callId);
    }

    /** Calls stored but not yet sent to Asterisk. */
    public synchronized int depth() {
        return waiting.size();
    }

    /**
     * Sends, in order, what may go out now: at most one per slot, none while Asterisk is not ready.
     *
     * @return how long until it should be called again; null when nothing waits
     */
    synchronized Duration sendDue() {
        while (!waiting.isEmpty()) {
            Instant now = clock.instant();
            if (now.isBefore(nextSlot)) {
                return Duration.between(now, nextSlot);
            }
            if (!ready.getAsBoolean()) {
                noteNotReady("Asterisk is not ready");
                return NOT_READY_CHECK;
            }
            Waiting next = waiting.peekFirst();
            try {
                sender.send(next.call(), next.acceptedNanos());
            } catch (AmiUnavailableException e) {
                noteNotReady(e.getMessage());
                return NOT_READY_CHECK;
            }
            waiting.removeFirst();
            notReadyLogged = false;
            // a late thread does not earn a burst: the slots are spaced from the last send
            nextSlot = (now.isAfter(nextSlot) ? now : nextSlot).plus(interval);
        }
        return null;
    }

    private void noteNotReady(String why) {
        if (!notReadyLogged) {
            notReadyLogged = true;
            log.warn("dial: {} Originates wait: {}; they go out in order once Asterisk can take them",
                    waiting.size(), why);
        }
    }

    private void loop() {
        while (!closed) {
            synchronized (this) {
                Duration wait = sendDue();
                try {
                    if (wait == null) {
                        wait(TimeUnit.SECONDS.toMillis(1));
                    } else {
                        long nanos = wait.toNanos();
                        wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Stops sending; bounded, idempotent. Calls still waiting stay in the store as placed but not sent: the next
     * start sends them (see {@link TrackerThread#start}).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = depth();
        if (left > 0) {
            log.warn("dial: stopped with {} Originates not sent; they are sent after the next start", left);
        }
    }
}
