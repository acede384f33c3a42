package io.callcontrol.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.CallStatus;
import io.callcontrol.call.Fact;
import io.callcontrol.call.FirstParty;
import io.callcontrol.call.StatusChange;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.config.Config;
import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.http.TestClock;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.recording.RecordingKeeper;
import io.callcontrol.schedule.ScheduleRecord.Attempt;
import io.callcontrol.schedule.ScheduleRecord.State;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Database;
import io.callcontrol.storage.ScheduleStore;
import io.callcontrol.storage.SqlHistory;
import io.callcontrol.track.TrackerThread;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler over a real SQLite store, driven round by round on a clock the test moves. The dialer stores calls
 * as makeCall does but sends nothing; the tracker's word that a call ended is given as the tracker gives it.
 */
class CallSchedulerTest {

    /** Wednesday 2025-06-04, 10:00 in Kyiv. */
    private static final Instant START = Instant.parse("2025-06-04T07:00:00Z");
    private static final String ORDER = "order-7";

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(START);
    private final AtomicBoolean asteriskConnected = new AtomicBoolean(true);
    private Config config;
    private Database database;
    private CallStore store;
    private SqlHistory history;
    private ScheduleStore schedules;
    private StoringDialer dialer;
    private CallScheduler scheduler;

    @BeforeEach
    void open() {
        config = Config.from(Map.of("data.dir", dir.toString(), "recordings.dir", dir.toString(),
                "schedule.time.zone", "Europe/Kyiv"));
        openParts();
    }

    private void openParts() {
        database = Database.open(config.storage());
        store = new CallStore(database, clock);
        history = new SqlHistory(database);
        schedules = new ScheduleStore(database, store, clock);
        dialer = new StoringDialer(store);
        scheduler = new CallScheduler(config.schedule(), schedules, history, dialer, asteriskConnected::get, clock);
    }

    @AfterEach
    void close() {
        scheduler.close();
        store.close();
        database.close();
    }

    /** The daemon stops (or dies: nothing here is flushed that a kill would lose) and starts again later. */
    private void restart() {
        close();
        openParts();
        scheduler.recover();
    }

    @Test
    void aCallScheduledAheadIsPlacedWhenDueAndNotBefore() throws Exception {
        ScheduleRecord made = schedule("k1", Long.toString(START.plusSeconds(60).getEpochSecond()), null, null);
        assertThat(made.state()).isEqualTo(State.SCHEDULED);
        assertThat(made.nextAt()).isEqualTo(START.plusSeconds(60));
        assertThat(made.detail()).isEqualTo("attempt 1 due at 2025-06-04T10:01:00+03:00");

        assertThat(scheduler.runOnce()).as("the next round").isEqualTo(START.plusSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        scheduler.runOnce();
        assertThat(dialer.placed).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        scheduler.runOnce();
        CallRecord call = only(dialer.placed);
        assertThat(call.externalKey()).isEqualTo("schedule:" + made.scheduleId() + ":1");
        assertThat(call.orderId()).isEqualTo(ORDER);
        assertThat(call.sip()).isEqualTo("1000");
        ScheduleRecord calling = reread(made);
        assertThat(calling.state()).isEqualTo(State.CALLING);
        assertThat(calling.callId()).isEqualTo(call.callId());
        assertThat(calling.attempts()).extracting(Attempt::attempt, Attempt::callId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, call.callId()));

        end(call, CallStatus.CLIENT_PICKUP, CallStatus.FINISH);
        ScheduleRecord done = reread(made);
        assertThat(done.state()).isEqualTo(State.DONE);
        assertThat(done.detail()).isEqualTo("attempt 1 (call " + call.callId() + ") ended FINISH");
        assertThat(history.orderHistory(ORDER, 0, 1000)).extracting(StatusEvent::status)
                .containsExactly(CallStatus.CALL, CallStatus.CLIENT_PICKUP, CallStatus.FINISH);
    }

    @Test
    void busyAndNoAnswerAreRetriedOnThePlanAndEveryAttemptIsACallOfTheOrder() throws Exception {
        ScheduleRecord made = schedule("k1", null, "5,10", null);
        scheduler.runOnce();
        CallRecord first = only(dialer.placed);

        clock.advance(Duration.ofSeconds(20));
        end(first, CallStatus.CLIENT_BUSY);
        ScheduleRecord waiting = reread(made);
        assertThat(waiting.state()).isEqualTo(State.SCHEDULED);
        assertThat(waiting.attempt()).isEqualTo(2);
        assertThat(waiting.nextAt()).isEqualTo(START.plusSeconds(20).plus(Duration.ofMinutes(5)));
        assertThat(waiting.detail()).isEqualTo("attempt 1 (call " + first.callId()
                + ") ended CLIENT_BUSY; attempt 2 due at 2025-06-04T10:05:20+03:00");

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        scheduler.runOnce();
        assertThat(dialer.placed).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        scheduler.runOnce();
        CallRecord second = dialer.placed.get(1);
        assertThat(second.externalKey()).isEqualTo("schedule:" + made.scheduleId() + ":2");

        end(second, CallStatus.OPERATOR_NOANSWER);
        assertThat(reread(made).nextAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        scheduler.runOnce();
        CallRecord third = dialer.placed.get(2);
        end(third, CallStatus.OPERATOR_PICKUP, CallStatus.CLIENT_CALLTO, CallStatus.CLIENT_NOANSWER);

        ScheduleRecord done = reread(made);
        assertThat(done.state()).isEqualTo(State.DONE);
        assertThat(done.detail()).endsWith("ended CLIENT_NOANSWER; no retry left");
        assertThat(done.attempts()).extracting(Attempt::attempt, Attempt::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, CallStatus.CLIENT_BUSY),
                org.assertj.core.groups.Tuple.tuple(2, CallStatus.OPERATOR_NOANSWER),
                org.assertj.core.groups.Tuple.tuple(3, CallStatus.CLIENT_NOANSWER));
        assertThat(history.callsOfOrder(ORDER, 0, 1000)).extracting(CallRecord::externalKey).containsExactly(
                "schedule:" + made.scheduleId() + ":1", "schedule:" + made.scheduleId() + ":2",
                "schedule:" + made.scheduleId() + ":3");
        assertThat(history.orderHistory(ORDER, 0, 1000)).extracting(StatusEvent::callId).containsOnly(
                first.callId(), second.callId(), third.callId());

        clock.advance(Duration.ofDays(1));
        scheduler.runOnce();
        assertThat(dialer.placed).as("nothing after the last attempt").hasSize(3);
    }

    @Test
    void answeredOfflineOrFailedCallsAreNotRetried() throws Exception {
        for (CallStatus end : List.of(CallStatus.FINISH, CallStatus.OPERATOR_OFFLINE, CallStatus.ERROR,
                CallStatus.CLIENT_CANCEL)) {
            ScheduleRecord made = schedule("k-" + end, null, "1,1", null);
            scheduler.runOnce();
            end(dialer.placed.get(dialer.placed.size() - 1), end);
            assertThat(reread(made).state()).as(end.name()).isEqualTo(State.DONE);
        }
    }

    @Test
    void aRetryThatFallsAfterClosingWaitsForTheNextOpening() throws Exception {
        clock.set(OffsetDateTime.parse("2025-06-04T17:58:00+03:00").toInstant());
        ScheduleRecord made = schedule("k1", null, "5", "09001800");
        scheduler.runOnce();
        end(only(dialer.placed), CallStatus.CLIENT_NOANSWER);

        ScheduleRecord waiting = reread(made);
        assertThat(waiting.nextAt()).isEqualTo(OffsetDateTime.parse("2025-06-05T09:00:00+03:00").toInstant());
        assertThat(waiting.detail()).endsWith("attempt 2 due at 2025-06-05T09:00:00+03:00");
    }

    @Test
    void anAttemptDueWhileTheDaemonWasDownAfterClosingMovesToTheNextOpening() throws Exception {
        clock.set(OffsetDateTime.parse("2025-06-04T17:00:00+03:00").toInstant());
        ScheduleRecord made = schedule("k1", "2025-06-04T17:30:00+03:00", null, "09001800");

        clock.set(OffsetDateTime.parse("2025-06-04T19:00:00+03:00").toInstant());
        restart();
        scheduler.runOnce();
        assertThat(dialer.placed).isEmpty();
        ScheduleRecord moved = reread(made);
        assertThat(moved.nextAt()).isEqualTo(OffsetDateTime.parse("2025-06-05T09:00:00+03:00").toInstant());
        assertThat(moved.detail()).isEqualTo("attempt 1 was due at 2025-06-04T17:30:00+03:00, outside opening hours;"
                + " moved to 2025-06-05T09:00:00+03:00");

        clock.set(OffsetDateTime.parse("2025-06-05T09:00:00+03:00").toInstant());
        scheduler.runOnce();
        assertThat(dialer.placed).hasSize(1);
    }

    @Test
    void aClientFirstScheduleKeepsItsOrderAcrossARestartAndEveryAttemptRingsTheClientFirst() throws Exception {
        ScheduleRecord made = scheduler.schedule(CallRequest.of("1000", "380639920001", ORDER, "k1", "client"),
                Long.toString(START.plusSeconds(60).getEpochSecond()), "1", null, null);
        assertThat(made.first()).isEqualTo(FirstParty.CLIENT);

        restart();
        assertThat(reread(made).first()).isEqualTo(FirstParty.CLIENT);
        clock.advance(Duration.ofSeconds(60));
        scheduler.runOnce();
        end(only(dialer.placed), CallStatus.CLIENT_BUSY);
        clock.advance(Duration.ofMinutes(1));
        scheduler.runOnce();

        assertThat(dialer.placed).hasSize(2).allSatisfy(call -> assertThat(call.first()).isEqualTo(FirstParty.CLIENT));
    }

    @Test
    void aScheduleSurvivesARestartAndIsPlacedByTheNextScheduler() throws Exception {
        ScheduleRecord made = schedule("k1", Long.toString(START.plusSeconds(600).getEpochSecond()), "3", null);

        clock.advance(Duration.ofMinutes(20)); // down while it fell due
        restart();
        assertThat(scheduler.byExternalKey("k1")).get().extracting(ScheduleRecord::state).isEqualTo(State.SCHEDULED);
        scheduler.runOnce();
        CallRecord call = only(dialer.placed);
        assertThat(call.externalKey()).isEqualTo("schedule:" + made.scheduleId() + ":1");

        // the call ends while the daemon is down again: the next start finds the end in the store
        store.appendStatuses(call.callId(), ORDER, List.of(new StatusChange(CallStatus.CLIENT_BUSY, ""))).get();
        restart();
        ScheduleRecord retried = reread(made);
        assertThat(retried.state()).isEqualTo(State.SCHEDULED);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.nextAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(3)));
    }

    @Test
    void anAttemptCaughtWhileBeingPlacedIsPlacedOnceAfterTheRestart() throws Exception {
        ScheduleRecord stopped = schedule("before-dial", null, null, null);
        ScheduleRecord dialled = schedule("after-dial", null, null, null);
        // the daemon died between taking the attempt and dialling; and, for the other, between storing its call
        // and noting it on the schedule
        claim(stopped);
        claim(dialled);
        long made = store.createCall("1000", "380639920001", ORDER, "schedule:" + dialled.scheduleId() + ":1", FirstParty.OPERATOR,
                Duration.ofSeconds(5)).get().callId();

        restart();
        assertThat(reread(stopped).state()).isEqualTo(State.SCHEDULED);
        assertThat(reread(stopped).detail()).isEqualTo("attempt 1 was being placed when the daemon stopped;"
                + " placing it again");
        assertThat(reread(dialled).state()).isEqualTo(State.CALLING);
        assertThat(reread(dialled).callId()).isEqualTo(made);
        assertThat(reread(dialled).attempts()).extracting(Attempt::callId).containsExactly(made);

        scheduler.runOnce();
        assertThat(dialer.placed).extracting(CallRecord::externalKey)
                .containsExactly("schedule:" + stopped.scheduleId() + ":1");
        assertThat(history.callsOfOrder(ORDER, 0, 1000)).hasSize(2);
    }

    @Test
    void onlyTheLeaderPlacesAttemptsAndANewLeaderSettlesWhatTheLastOneLeftHalfDone() throws Exception {
        ScheduleRecord caught = schedule("caught", null, null, null);
        ScheduleRecord due = schedule("due", null, null, null);
        claim(caught); // the last leader died while placing it
        AtomicBoolean leading = new AtomicBoolean(false);
        scheduler.close();
        scheduler = new CallScheduler(config.schedule(), schedules, history, dialer, asteriskConnected::get,
                leading::get, clock);

        scheduler.runOnce();
        assertThat(dialer.placed).as("a follower places nothing").isEmpty();
        assertThat(reread(due).state()).isEqualTo(State.SCHEDULED);
        assertThat(reread(caught).state()).as("nor settles the leader's attempts").isEqualTo(State.CALLING);

        leading.set(true);
        scheduler.runOnce();
        assertThat(dialer.placed).extracting(CallRecord::externalKey).containsExactlyInAnyOrder(
                "schedule:" + caught.scheduleId() + ":1", "schedule:" + due.scheduleId() + ":1");
        scheduler.runOnce();
        assertThat(dialer.placed).as("each once").hasSize(2);
    }

    @Test
    void aScheduleCancelledBeforeItsAttemptIsNeverPlacedAndCancellingAgainAnswersTheSame() throws Exception {
        ScheduleRecord made = schedule("k1", Long.toString(START.plusSeconds(60).getEpochSecond()), "5", null);

        ScheduleRecord cancelled = scheduler.cancel(made.scheduleId());
        assertThat(cancelled.state()).isEqualTo(State.CANCELLED);
        assertThat(cancelled.nextAt()).isNull();
        assertThat(cancelled.detail()).isEqualTo("cancelled at 2025-06-04T10:00:00+03:00 before attempt 1");
        assertThat(scheduler.cancel(made.scheduleId())).isEqualTo(cancelled);

        clock.advance(Duration.ofHours(1));
        scheduler.runOnce();
        assertThat(dialer.placed).isEmpty();
    }

    @Test
    void aCancelDuringAnAttemptLetsItsCallGoOnButNoneFollows() throws Exception {
        ScheduleRecord made = schedule("k1", null, "5", null);
        scheduler.runOnce();
        CallRecord call = only(dialer.placed);

        ScheduleRecord cancelled = scheduler.cancel(made.scheduleId());
        assertThat(cancelled.detail()).isEqualTo("cancelled at 2025-06-04T10:00:00+03:00 during attempt 1 (call "
                + call.callId() + " goes on); no further attempt");
        end(call, CallStatus.CLIENT_BUSY);
        clock.advance(Duration.ofMinutes(10));
        scheduler.runOnce();

        assertThat(dialer.placed).hasSize(1);
        ScheduleRecord after = reread(made);
        assertThat(after.state()).isEqualTo(State.CANCELLED);
        assertThat(after.attempts()).extracting(Attempt::status).containsExactly(CallStatus.CLIENT_BUSY);
    }

    @Test
    void aCancelAfterTheLastAttemptStartedIsRefused() throws Exception {
        ScheduleRecord made = schedule("k1", null, "5", null);
        scheduler.runOnce();
        end(only(dialer.placed), CallStatus.CLIENT_BUSY);
        clock.advance(Duration.ofMinutes(5));
        scheduler.runOnce();
        CallRecord last = dialer.placed.get(1);

        assertThatThrownBy(() -> scheduler.cancel(made.scheduleId())).isInstanceOf(CancelRefusedException.class)
                .hasMessage("the last attempt (2 of 2) of scheduled call " + made.scheduleId() + " has started as call "
                        + last.callId() + "; nothing is left to cancel");
        end(last, CallStatus.CLIENT_PICKUP, CallStatus.FINISH);
        assertThatThrownBy(() -> scheduler.cancel(made.scheduleId())).isInstanceOf(CancelRefusedException.class)
                .hasMessageStartingWith("scheduled call " + made.scheduleId() + " is done (attempt 2 (call "
                        + last.callId() + ") ended FINISH)");
        assertThat(reread(made).state()).isEqualTo(State.DONE);
    }

    @Test
    void whileAsteriskIsNotConnectedADueAttemptWaitsAndSaysSo() throws Exception {
        asteriskConnected.set(false);
        ScheduleRecord made = schedule("k1", null, null, null);

        assertThat(scheduler.runOnce()).as("looks again soon").isEqualTo(START.plusSeconds(1));
        assertThat(dialer.placed).isEmpty();
        assertThat(reread(made).detail()).isEqualTo("attempt 1 due at 2025-06-04T10:00:00+03:00: waiting for"
                + " Asterisk (AMI not connected)");

        asteriskConnected.set(true);
        clock.advance(Duration.ofSeconds(1));
        scheduler.runOnce();
        assertThat(dialer.placed).hasSize(1);
    }

    @Test
    void anAttemptThatDidNotReachAsteriskIsTriedAgainLater() throws Exception {
        ScheduleRecord made = schedule("k1", null, null, null);
        dialer.asterisk = StoringDialer.Asterisk.DOWN;
        scheduler.runOnce();

        ScheduleRecord waiting = reread(made);
        assertThat(waiting.state()).isEqualTo(State.SCHEDULED);
        assertThat(waiting.nextAt()).isEqualTo(START.plus(config.schedule().unavailableRetry()));
        assertThat(waiting.detail()).isEqualTo("attempt 1 not placed: Asterisk is not connected (AMI); no call was"
                + " placed, try again later; trying again at 2025-06-04T10:00:10+03:00");

        // the link drops again as the Originate goes out: that call stays in the order's history
        clock.advance(config.schedule().unavailableRetry());
        dialer.asterisk = StoringDialer.Asterisk.LOST_ORIGINATE;
        scheduler.runOnce();
        dialer.asterisk = StoringDialer.Asterisk.UP;
        clock.advance(config.schedule().unavailableRetry());
        scheduler.runOnce();

        String key = "schedule:" + made.scheduleId() + ":1";
        assertThat(history.callsOfOrder(ORDER, 0, 1000)).extracting(CallRecord::externalKey).containsExactly(key, key + ":2");
        ScheduleRecord calling = reread(made);
        assertThat(calling.state()).isEqualTo(State.CALLING);
        assertThat(calling.attempts()).extracting(Attempt::attempt).containsExactly(1, 1);
        assertThat(calling.callId()).isEqualTo(only(dialer.placed).callId());
    }

    @Test
    void anExternalKeyIsOneCallsOrOneSchedules() throws Exception {
        store.createCall("1000", "380639920001", ORDER, "taken", FirstParty.OPERATOR,
                Duration.ofSeconds(5)).get();
        assertThatThrownBy(() -> schedule("taken", null, null, null)).isInstanceOfSatisfying(
                CallRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(CallRefusedException.Reason.DUPLICATE_EXTERNAL_KEY));
        ScheduleRecord holder = schedule("scheduled", "2025-06-05T10:00:00Z", null, null);
        assertThatThrownBy(() -> schedule("scheduled", null, null, null)).isInstanceOfSatisfying(
                CallRefusedException.class, e -> assertThat(e.getMessage())
                        .contains("was already used by scheduled call"));

        // whatever path a call takes to the store, it cannot take a schedule's key, and is told whose it is
        assertThatThrownBy(() -> store.createCall("1000", "380639920001", ORDER, "scheduled", FirstParty.OPERATOR,
                Duration.ofSeconds(5)).get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ScheduleStore.ExternalKeyScheduledException.class,
                        e -> assertThat(e.scheduleId()).isEqualTo(holder.scheduleId()));
        assertThat(history.callsOfOrder(ORDER, 0, 1000)).hasSize(1);
    }

    @Test
    void theTrackerTellsTheSchedulerWhenAnAttemptEnds() throws Exception {
        RecordingKeeper recordings = new RecordingKeeper(config.recordings(), store, history::recordingsDue, new Metrics());
        TrackerThread engine = new TrackerThread(store, recordings, 100, new Metrics());
        engine.onCallEnded(scheduler::callEnded);
        engine.start(List.of());
        try {
            ScheduleRecord made = schedule("k1", null, "1", null);
            scheduler.runOnce();
            CallRecord call = only(dialer.placed);
            engine.track(call);
            engine.offer(new Fact.OriginateFailed(call.callId(), 5, true, false));

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (reread(made).state() == State.CALLING && System.nanoTime() < deadline) {
                Thread.sleep(10);
                scheduler.runOnce();
            }
            ScheduleRecord retried = reread(made);
            assertThat(retried.detail()).startsWith("attempt 1 (call " + call.callId() + ") ended OPERATOR_BUSY;");
            assertThat(retried.attempt()).isEqualTo(2);
        } finally {
            engine.close();
            recordings.close();
        }
    }

    private ScheduleRecord schedule(String key, String timeToCall, String interval, String hours)
            throws CallRefusedException {
        return scheduler.schedule(CallRequest.of("1000", "380639920001", ORDER, key), timeToCall, interval, hours,
                null);
    }

    private void claim(ScheduleRecord r) throws Exception {
        schedules.update(r.scheduleId(), s -> ScheduleRules.claimed(s, s.nextAt()), Duration.ofSeconds(5)).get();
    }

    /** The call passes through {@code statuses} (the last ends it) and the tracker says so; then a round runs. */
    private void end(CallRecord call, CallStatus... statuses) throws Exception {
        List<StatusChange> changes = java.util.Arrays.stream(statuses).map(s -> new StatusChange(s, "")).toList();
        store.appendStatuses(call.callId(), call.orderId(), changes).get();
        scheduler.callEnded(call, changes.get(changes.size() - 1));
        scheduler.runOnce();
    }

    private ScheduleRecord reread(ScheduleRecord r) {
        return scheduler.byId(r.scheduleId()).orElseThrow();
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
