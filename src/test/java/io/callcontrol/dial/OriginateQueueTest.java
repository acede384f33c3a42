package io.callcontrol.dial;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.ami.AmiUnavailableException;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.http.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The pace of Originates, on a clock the test moves: no thread, no sleep. */
class OriginateQueueTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final AtomicInteger refuse = new AtomicInteger();
    /** What reached "Asterisk": call id and the clock's instant, and whose thread sent it. */
    private final List<Long> sent = new ArrayList<>();
    private final List<Instant> sentAt = new ArrayList<>();
    private final List<Thread> sentBy = new ArrayList<>();

    private OriginateQueue queue(int rate) {
        return new OriginateQueue(rate, clock, ready::get, (call, accepted) -> {
            if (refuse.getAndDecrement() > 0) {
                throw new AmiUnavailableException("no AMI connection");
            }
            sent.add(call.callId());
            sentAt.add(clock.instant());
            sentBy.add(Thread.currentThread());
        });
    }

    @Test
    void aBurstGoesOutAtTheRateInOrderAndNoneIsDropped() {
        OriginateQueue queue = queue(5);
        LongStream.rangeClosed(1, 12).forEach(id -> queue.submit(call(id), 0));
        assertThat(sent).as("the first at once").containsExactly(1L);
        assertThat(queue.depth()).isEqualTo(11);

        drain(queue);

        assertThat(sent).isEqualTo(LongStream.rangeClosed(1, 12).boxed().toList());
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(Duration.between(sentAt.get(i - 1), sentAt.get(i))).as("gap before call %d", i + 1)
                    .isEqualTo(Duration.ofMillis(200));
        }
        assertThat(Duration.between(T0, sentAt.get(sentAt.size() - 1))).isEqualTo(Duration.ofMillis(2_200));
        assertThat(queue.depth()).isZero();
    }

    @Test
    void underTheRateEachOriginateGoesOutAtOnceOnTheCallersThread() {
        OriginateQueue queue = queue(10);
        queue.submit(call(1), 0);
        clock.advance(Duration.ofMillis(100));
        queue.submit(call(2), 0);
        clock.advance(Duration.ofSeconds(5));
        queue.submit(call(3), 0);

        assertThat(sent).containsExactly(1L, 2L, 3L);
        assertThat(sentAt).containsExactly(T0, T0.plusMillis(100), T0.plusMillis(5_100));
        assertThat(sentBy).containsOnly(Thread.currentThread());
        assertThat(queue.depth()).isZero();
        assertThat(queue.sendDue()).as("nothing waits").isNull();
    }

    @Test
    void aCallSoonerThanItsSlotWaitsForItAndALateSenderEarnsNoBurst() {
        OriginateQueue queue = queue(10);
        queue.submit(call(1), 0);
        clock.advance(Duration.ofMillis(30));
        queue.submit(call(2), 0);
        assertThat(sent).containsExactly(1L);
        assertThat(queue.sendDue()).isEqualTo(Duration.ofMillis(70));

        clock.advance(Duration.ofSeconds(3)); // the pacer thread woke up very late
        queue.submit(call(3), 0);
        queue.submit(call(4), 0);
        assertThat(queue.sendDue()).isEqualTo(Duration.ofMillis(100));
        assertThat(sent).containsExactly(1L, 2L);
        drain(queue);
        assertThat(sentAt).containsExactly(T0, T0.plusMillis(3_030), T0.plusMillis(3_130), T0.plusMillis(3_230));
    }

    @Test
    void whileAsteriskIsNotReadyTheCallsWaitInOrderAndThenGoOutAtTheRate() {
        OriginateQueue queue = queue(20);
        ready.set(false);
        LongStream.rangeClosed(1, 3).forEach(id -> queue.submit(call(id), 0));
        assertThat(queue.sendDue()).isEqualTo(OriginateQueue.NOT_READY_CHECK);
        clock.advance(Duration.ofMinutes(2));
        assertThat(queue.sendDue()).isEqualTo(OriginateQueue.NOT_READY_CHECK);
        assertThat(sent).isEmpty();
        assertThat(queue.depth()).isEqualTo(3);

        ready.set(true);
        Instant back = clock.instant();
        drain(queue);

        assertThat(sent).containsExactly(1L, 2L, 3L);
        assertThat(sentAt).containsExactly(back, back.plusMillis(50), back.plusMillis(100));
    }

    @Test
    void anOriginateTheLinkCouldNotTakeStaysFirstAndIsSentAgain() {
        OriginateQueue queue = queue(10);
        refuse.set(1);
        queue.submit(call(1), 0);
        queue.submit(call(2), 0);
        assertThat(sent).isEmpty();
        assertThat(queue.depth()).isEqualTo(2);

        drain(queue);

        assertThat(sent).containsExactly(1L, 2L);
    }

    @Test
    void aResumedCallIsNeverSentOnTheCallersThread() {
        OriginateQueue queue = queue(10);
        queue.resume(call(7));
        assertThat(sent).isEmpty();
        assertThat(queue.depth()).isOne();

        assertThat(queue.sendDue()).isNull();
        assertThat(sent).containsExactly(7L);
    }

    /** What the pacer thread does, with the clock moved instead of waited on. */
    @Test
    void aWithdrawnCallIsNeverSentAndTheOthersKeepTheirOrderAndPace() {
        OriginateQueue queue = queue(5);
        LongStream.rangeClosed(1, 4).forEach(id -> queue.submit(call(id), 0));

        assertThat(queue.waiting(3)).isTrue();
        assertThat(queue.waiting(1)).as("sent at once").isFalse();
        assertThat(queue.withdraw(3)).isTrue();
        assertThat(queue.waiting(3)).isFalse();
        assertThat(queue.withdraw(3)).as("once only").isFalse();
        assertThat(queue.withdraw(1)).as("sent already").isFalse();
        assertThat(queue.depth()).isEqualTo(2);
        drain(queue);

        assertThat(sent).containsExactly(1L, 2L, 4L);
        assertThat(sentAt).containsExactly(T0, T0.plusMillis(200), T0.plusMillis(400));
    }

    private void drain(OriginateQueue queue) {
        for (Duration wait = queue.sendDue(); wait != null; wait = queue.sendDue()) {
            clock.advance(wait);
        }
    }

    private static CallRecord call(long id) {
        return new CallRecord(id, "order", "key-" + id, "1000", "380639920000", FirstParty.OPERATOR,
                "cc-" + id + "-0000", CallStatus.CALL, T0, null);
    }
}
