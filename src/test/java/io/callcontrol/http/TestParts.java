package io.callcontrol.http;

import io.callcontrol.config.DashboardConfig;
import io.callcontrol.config.HttpConfig;
import io.callcontrol.config.RecordingsConfig;
import io.callcontrol.control.CallControl;
import io.callcontrol.control.FakeLink;
import io.callcontrol.control.MemoryTrace;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.dial.Dialer;
import io.callcontrol.http.monitor.HealthCheck;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.push.EventFeed;
import io.callcontrol.push.PushStore;
import io.callcontrol.push.WebhookStatus;
import io.callcontrol.schedule.CancelRefusedException;
import io.callcontrol.schedule.ScheduleRecord;
import io.callcontrol.schedule.Schedules;
import io.callcontrol.stats.TallyStore;
import io.callcontrol.storage.History;
import io.callcontrol.storage.Page;
import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The parts of a test server: fakes and stand-ins (no schedules, a healthy check, fresh metrics, the feed of an
 * empty store) that a test replaces with the part it is about.
 */
public final class TestParts {

    /** One feed over one empty store for every test server that does not bring its own. */
    /** Tallies of no call: every range of callStats is empty. */
    public static final TallyStore NO_TALLIES = (sip, from, until, span) -> new TallyStore.Tallies(List.of(), List.of());

    private static EventFeed emptyFeed;

    private final HttpConfig http;
    private final RecordingsConfig recordings;
    private History history = new FakeHistory();
    private Dialer dialer = new FakeDialer();
    private Schedules schedules = new NoSchedules();
    private TallyStore stats = NO_TALLIES;
    private HealthCheck health = () -> new HealthCheck.Report(true, true, true, true, null, 0, 0, 0, 0);
    private Metrics metrics = new Metrics();
    private EventFeed feed;
    private Supplier<List<WebhookStatus>> webhooks = List::of;
    private ZoneId zone = ZoneOffset.UTC;
    private Clock clock = Clock.systemUTC();
    private Map<String, Function<Executor, ChannelHandler>> faces = Map.of();
    /** Null: call control over this history and an Asterisk with no channels. */
    private CallControl control;

    public TestParts(HttpConfig http, RecordingsConfig recordings) {
        this.http = http;
        this.recordings = recordings;
    }

    /** Recordings from a directory that does not exist. */
    public TestParts(HttpConfig http) {
        this(http, new RecordingsConfig(Path.of("/nonexistent"), "wav"));
    }

    public TestParts history(History history) {
        this.history = history;
        return this;
    }

    public TestParts dialer(Dialer dialer) {
        this.dialer = dialer;
        return this;
    }

    public TestParts schedules(Schedules schedules) {
        this.schedules = schedules;
        return this;
    }

    public TestParts stats(TallyStore stats) {
        this.stats = stats;
        return this;
    }

    public TestParts health(HealthCheck health) {
        this.health = health;
        return this;
    }

    public TestParts metrics(Metrics metrics) {
        this.metrics = metrics;
        return this;
    }

    public TestParts push(EventFeed feed, Supplier<List<WebhookStatus>> webhooks) {
        this.feed = feed;
        this.webhooks = webhooks;
        return this;
    }

    public TestParts zone(ZoneId zone) {
        this.zone = zone;
        return this;
    }

    public TestParts clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public TestParts faces(Map<String, Function<Executor, ChannelHandler>> faces) {
        this.faces = faces;
        return this;
    }

    public TestParts control(CallControl control) {
        this.control = control;
        return this;
    }

    public HttpApiServer.Parts build() {
        return new HttpApiServer.Parts(http, recordings, history, dialer, schedules, stats, health, metrics,
                feed == null ? emptyFeed() : feed, webhooks, zone, clock, faces, DashboardConfig.DEFAULT,
                control == null ? MemoryTrace.control(history, new FakeLink()) : control);
    }

    public HttpApiServer server() {
        return new HttpApiServer(build());
    }

    private static synchronized EventFeed emptyFeed() {
        if (emptyFeed == null) {
            try {
                PushStore store = PushStore.open(Files.createTempDirectory("callcontrol-feed"));
                emptyFeed = new EventFeed(store.log, store.changes, 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return emptyFeed;
    }

    /** A scheduler with no schedules that takes none: these tests are about other parts. */
    public static final class NoSchedules implements Schedules {
        @Override
        public ScheduleRecord schedule(CallRequest call, String timeToCall, String interval, String hours,
                String tz) {
            throw new UnsupportedOperationException("this test server schedules nothing");
        }

        @Override
        public ScheduleRecord cancel(long scheduleId) throws CancelRefusedException {
            throw new UnsupportedOperationException("this test server schedules nothing");
        }

        @Override
        public Optional<ScheduleRecord> byId(long scheduleId) {
            return Optional.empty();
        }

        @Override
        public Optional<ScheduleRecord> byExternalKey(String externalKey) {
            return Optional.empty();
        }

        @Override
        public Optional<ScheduleRecord> byCallId(long callId) {
            return Optional.empty();
        }

        @Override
        public Page<ScheduleRecord> list(String orderId, Set<ScheduleRecord.State> states, int page, int perPage) {
            return new Page<>(List.of(), page, perPage, 0);
        }
    }
}
