package io.callcontrol.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed subscribed to at once, and a commit right after: the commit must wake the subscription even when it comes
 * before the feed's waker thread has started running.
 */
class EventFeedWakeTest {

    @TempDir
    Path dir;

    @Test
    void aCommitRightAfterTheFeedStartsWakesItsSubscribers() throws Exception {
        try (PushStore store = PushStore.open(dir)) {
            int missed = 0;
            for (int i = 0; i < 300; i++) {
                long before = store.log.newestId();
                AtomicInteger got = new AtomicInteger();
                try (EventFeed feed = new EventFeed(store.log, store.changes, 1)) {
                    feed.subscribe(new EventFeed.Subscriber() {
                        @Override public boolean isOpen() { return true; }
                        @Override public boolean isWritable() { return true; }
                        @Override public void send(List<LoggedEvent> events) {
                            got.addAndGet(events.size());
                        }
                    }, before, EventKind.ALL);
                    store.call("c" + i);
                    try {
                        Await.until(() -> got.get() > 0, Duration.ofMillis(3000), "the event");
                    } catch (AssertionError e) {
                        missed++;
                    }
                }
            }
            assertThat(missed).isZero();
        }
    }
}
