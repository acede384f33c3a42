package io.callcontrol.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.Await;
import io.callcontrol.call.CallRecord;
import io.callcontrol.operator.OperatorStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed behind the WebSocket, on a real store, with subscribers that take or refuse more. */
class EventFeedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private PushStore store;
    private EventFeed feed;

    @BeforeEach
    void open() {
        store = PushStore.open(dir);
        feed = new EventFeed(store.log, store.changes, 2);
    }

    @AfterEach
    void close() {
        feed.close();
        store.close();
    }

    @Test
    void catchingUpThenFollowingLiveEventsNeitherSkipsNorRepeats() throws Exception {
        for (int i = 0; i < 30; i++) {
            store.answeredCall("before-" + i);
        }
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 30; i++) {
                store.answeredCall("during-" + i);
            }
        });
        Collector subscriber = new Collector();

        writer.start();
        feed.subscribe(subscriber, 0, EventKind.ALL);
        writer.join();
        Await.until(() -> subscriber.ids().size() == 60 * 7, PATIENCE, "all 420 events");

        assertThat(subscriber.ids()).isEqualTo(ids(store.log.after(0, 1000)));
    }

    @Test
    void aSubscriberThatTakesNoMoreIsNotReadForUntilItDoes() throws Exception {
        for (int i = 0; i < 100; i++) {
            store.answeredCall("call-" + i);
        }
        Collector subscriber = new Collector();
        subscriber.takesOneBatchOnly = true;

        EventFeed.Subscription subscription = feed.subscribe(subscriber, 0, EventKind.ALL);
        Await.until(() -> subscriber.ids().size() == EventFeed.BATCH, PATIENCE, "the first batch");
        store.answeredCall("more");
        Thread.sleep(300);

        assertThat(subscriber.ids()).as("nothing read while it takes no more").hasSize(EventFeed.BATCH);
        assertThat(subscription.cursor()).isEqualTo(subscriber.ids().get(EventFeed.BATCH - 1));
        subscriber.takesOneBatchOnly = false;
        subscriber.writable.set(true);
        subscription.wake();
        Await.until(() -> subscriber.ids().size() == 101 * 7, PATIENCE, "the rest once it takes more");
        assertThat(subscriber.ids()).isEqualTo(ids(store.log.after(0, 1000)));
    }

    @Test
    void withoutACursorOnlyWhatHappensFromNowOnIsSent() throws Exception {
        store.answeredCall("old");
        Collector subscriber = new Collector();

        EventFeed.Subscription subscription = feed.subscribe(subscriber, -1, EventKind.ALL);
        // the newest id is looked up on the feed's reader: only what comes after it is new
        Await.until(() -> subscription.cursor() >= 0, PATIENCE, "the newest id looked up");
        CallRecord fresh = store.call("new");
        Await.until(() -> subscriber.ids().size() == 1, PATIENCE, "the new call");

        assertThat(subscriber.events).singleElement()
                .satisfies(e -> assertThat(((LoggedEvent.Status) e).event().callId()).isEqualTo(fresh.callId()));
    }

    @Test
    void onlyTheKindsAskedForAreSent() throws Exception {
        Collector subscriber = new Collector();
        feed.subscribe(subscriber, 0, EventKind.ANSWERED.bit() | EventKind.PRESENCE.bit());

        store.answeredCall("a");
        store.presence("1000", OperatorStatus.ONLINE);
        Await.until(() -> subscriber.ids().size() == 2, PATIENCE, "the answer and the presence change");

        assertThat(subscriber.events).extracting(EventKind::of).containsExactly(EventKind.ANSWERED, EventKind.PRESENCE);
    }

    @Test
    void aCancelledSubscriptionIsNotWokenAgain() throws Exception {
        Collector subscriber = new Collector();
        EventFeed.Subscription subscription = feed.subscribe(subscriber, 0, EventKind.ALL);
        store.call("a");
        Await.until(() -> subscriber.ids().size() == 1, PATIENCE, "the first call");

        subscription.cancel();
        store.call("b");
        Thread.sleep(300);

        assertThat(subscriber.ids()).hasSize(1);
        assertThat(feed.subscriptions()).isZero();
    }

    private static List<Long> ids(List<LoggedEvent> events) {
        return events.stream().map(LoggedEvent::id).toList();
    }

    /** Keeps what it is sent; {@code takesOneBatchOnly}: says it takes no more after its first batch. */
    private static final class Collector implements EventFeed.Subscriber {
        final List<LoggedEvent> events = new ArrayList<>();
        final AtomicBoolean writable = new AtomicBoolean(true);
        volatile boolean takesOneBatchOnly;

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public boolean isWritable() {
            return writable.get();
        }

        @Override
        public synchronized void send(List<LoggedEvent> batch) {
            events.addAll(batch);
            if (takesOneBatchOnly) {
                writable.set(false);
            }
        }

        synchronized List<Long> ids() {
            return EventFeedTest.ids(events);
        }
    }
}
