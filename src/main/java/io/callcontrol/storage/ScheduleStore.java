package io.callcontrol.storage;

import io.callcontrol.call.CallStatus;
import io.callcontrol.call.FirstParty;
import io.callcontrol.schedule.ScheduleRecord.Attempt;
import io.callcontrol.schedule.ScheduleRecord.State;
import io.callcontrol.schedule.ScheduleRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Scheduled calls in the store. Writes go through the store's single writer, each a read-decide-write in one
 * transaction: the decision is a pure function of the stored schedule, so a cancel and an attempt being placed at
 * the same instant are taken one after the other, never interleaved.
 */
public final class ScheduleStore {

    /** makeCall's external_key belongs to a scheduled call already: no second one. */
    public static final class ExternalKeyScheduledException extends SQLException {
        private final long scheduleId;

        public ExternalKeyScheduledException(String externalKey, long scheduleId) {
            super("external_key '" + externalKey + "' was already used by scheduled call " + scheduleId);
            this.scheduleId = scheduleId;
        }

        public long scheduleId() {
            return scheduleId;
        }
    }

    /** An attempt with the schedule it belongs to. */
    private record Linked(long scheduleId, Attempt attempt) {
    }

    private static final String SCHEDULE = "SELECT id, external_key, order_id, sip, phone, first, time_to_call,"
            + " retry_interval, hours, time_zone, state, attempt, tries, next_at, call_id, detail, created_at,"
            + " updated_at FROM schedules";
    static final String BY_ID = SCHEDULE + " WHERE id = ?";
    static final String BY_EXTERNAL_KEY = SCHEDULE + " WHERE external_key = ?";
    static final String BY_CALL = SCHEDULE + " WHERE id = (SELECT schedule_id FROM schedule_calls WHERE call_id = ?)";
    static final String DUE = SCHEDULE + " WHERE state = 'SCHEDULED' AND next_at <= ? ORDER BY next_at LIMIT ?";
    static final String NEXT_DUE = "SELECT MIN(next_at) FROM schedules WHERE state = 'SCHEDULED'";
    static final String CALLING = SCHEDULE + " WHERE state = 'CALLING' ORDER BY id";
    static final String CALL_OF_EXTERNAL_KEY = "SELECT id FROM calls WHERE external_key = ?";
    private static final String ATTEMPTS = "SELECT sc.schedule_id, sc.attempt, c.id, c.external_key, c.status,"
            + " c.created_at, c.ended_at FROM schedule_calls sc JOIN calls c ON c.id = sc.call_id WHERE sc.schedule_id IN";
    private static final String INSERT = "INSERT INTO schedules (external_key, order_id, sip, phone, first,"
            + " time_to_call, retry_interval, hours, time_zone, state, attempt, tries, next_at, call_id, detail,"
            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    private static final String UPDATE = "UPDATE schedules SET state = ?, attempt = ?, tries = ?, next_at = ?,"
            + " call_id = ?, detail = ?, updated_at = ? WHERE id = ?";
    private static final String LINK = "INSERT INTO schedule_calls (call_id, schedule_id, attempt) VALUES (?, ?, ?)"
            + " ON CONFLICT (call_id) DO NOTHING";

    private final StoreWriter writer;
    private final SqlHistory reads;
    private final Clock clock;

    /** Writes through {@code calls}' writer: one writer for the whole store. */
    public ScheduleStore(Database database, CallStore calls, Clock clock) {
        this.writer = calls.writer();
        this.reads = new SqlHistory(database);
        this.clock = clock;
    }

    /**
     * Stores a new schedule (the draft's id and times are assigned here), durable when the future completes. Fails
     * with {@link DuplicateExternalKeyException} or {@link ExternalKeyScheduledException} when its external_key was
     * used, and with nothing written when the store cannot take it within {@code timeout}.
     */
    public CompletableFuture<ScheduleRecord> create(ScheduleRecord draft, Duration timeout) {
        return writer.submit(s -> insert(s.connection(), draft), timeout.toNanos());
    }

    /** Moves a schedule on as {@code change} decides from its stored state; unchanged, nothing is written. */
    public CompletableFuture<ScheduleRecord> update(long scheduleId, UnaryOperator<ScheduleRecord> change,
            Duration timeout) {
        return writer.submit(s -> change(s.connection(), scheduleId, change), timeout.toNanos());
    }

    /** Links a call to the schedule as one of its attempts (once however often asked), then applies {@code change}. */
    public CompletableFuture<ScheduleRecord> attach(long scheduleId, int attempt, long callId,
            UnaryOperator<ScheduleRecord> change, Duration timeout) {
        return writer.submit(s -> {
            Connection c = s.connection();
            execute(c, LINK, callId, scheduleId, attempt);
            return change(c, scheduleId, change);
        }, timeout.toNanos());
    }

    public Optional<ScheduleRecord> byId(long scheduleId) {
        return first(read("schedule " + scheduleId, BY_ID, scheduleId));
    }

    public Optional<ScheduleRecord> byExternalKey(String externalKey) {
        return first(read("the schedule of external_key " + externalKey, BY_EXTERNAL_KEY, externalKey));
    }

    /** The schedule a call was placed for, if it was. */
    public Optional<ScheduleRecord> byCallId(long callId) {
        return first(read("the schedule of call " + callId, BY_CALL, callId));
    }

    /** Schedules whose attempt is due at {@code now}, most overdue first. */
    public List<ScheduleRecord> due(Instant now, int limit) {
        return read("the due schedules", DUE, now.toEpochMilli(), limit);
    }

    /** When the next attempt of any schedule is due. */
    public Optional<Instant> nextDue() {
        List<Long> min = reads.list("the next due schedule", NEXT_DUE, rs -> {
            long millis = rs.getLong(1);
            return rs.wasNull() ? null : millis;
        });
        return Optional.ofNullable(min.get(0)).map(Instant::ofEpochMilli);
    }

    /** Schedules with an attempt's call running (or being placed). */
    public List<ScheduleRecord> calling() {
        return read("the calling schedules", CALLING);
    }

    /** The call that has this external_key, if any. */
    public OptionalLong callOfExternalKey(String externalKey) {
        List<Long> ids = reads.list("the call of external_key " + externalKey, CALL_OF_EXTERNAL_KEY,
                rs -> rs.getLong(1), externalKey);
        return ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.get(0));
    }

    /** Schedules newest first, of one order (null: all) in some states (empty: all). */
    public Page<ScheduleRecord> list(String orderId, Set<State> states, int page, int perPage) {
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (orderId != null) {
            where.add("order_id = ?");
            parameters.add(orderId);
        }
        if (!states.isEmpty()) {
            // only the number of placeholders depends on the input; the states themselves are bound
            where.add("state IN (" + String.join(", ", Collections.nCopies(states.size(), "?")) + ")");
            states.forEach(state -> parameters.add(state.name()));
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        Page<ScheduleRecord> found = reads.page("the scheduled calls", Paging.number(page, perPage),
                "SELECT COUNT(*) FROM schedules" + filter, parameters.toArray(),
                SCHEDULE + filter + " ORDER BY id DESC LIMIT ? OFFSET ?", ScheduleStore::schedule, parameters.toArray());
        List<ScheduleRecord> items = found.items().isEmpty() ? found.items()
                : joined(found.items(), reads.list("the attempts of scheduled calls", attemptsOf(found.items()),
                        ScheduleStore::linked, ids(found.items())));
        return new Page<>(items, found.page(), found.perPage(), found.total());
    }

    private List<ScheduleRecord> read(String what, String sql, Object... parameters) {
        List<ScheduleRecord> schedules = reads.list(what, sql, ScheduleStore::schedule, parameters);
        if (schedules.isEmpty()) {
            return schedules;
        }
        return joined(schedules, reads.list("the attempts of " + what, attemptsOf(schedules), ScheduleStore::linked,
                ids(schedules)));
    }

    private ScheduleRecord insert(Connection c, ScheduleRecord draft) throws SQLException {
        List<Long> call = SqlHistory.select(c, CALL_OF_EXTERNAL_KEY, rs -> rs.getLong(1), draft.externalKey());
        if (!call.isEmpty()) {
            throw new DuplicateExternalKeyException(draft.externalKey(), call.get(0));
        }
        List<ScheduleRecord> same = SqlHistory.select(c, BY_EXTERNAL_KEY, ScheduleStore::schedule, draft.externalKey());
        if (!same.isEmpty()) {
            throw new ExternalKeyScheduledException(draft.externalKey(), same.get(0).scheduleId());
        }
        long now = clock.millis();
        long id;
        try (PreparedStatement s = bind(c, INSERT, draft.externalKey(), draft.orderId(), draft.sip(), draft.phone(),
                draft.first().apiName(), draft.timeToCall().toEpochMilli(), draft.interval(), draft.hours(),
                draft.timeZone(),
                draft.state().name(), draft.attempt(), draft.tries(), millis(draft.nextAt()), draft.callId(),
                draft.detail(), now, now); ResultSet rs = s.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        return SqlHistory.select(c, BY_ID, ScheduleStore::schedule, id).get(0);
    }

    private ScheduleRecord change(Connection c, long scheduleId, UnaryOperator<ScheduleRecord> change)
            throws SQLException {
        List<ScheduleRecord> found = SqlHistory.select(c, BY_ID, ScheduleStore::schedule, scheduleId);
        if (found.isEmpty()) {
            throw new SQLException("there is no schedule " + scheduleId);
        }
        ScheduleRecord current = found.get(0);
        ScheduleRecord next = change.apply(current);
        if (!next.equals(current)) {
            execute(c, UPDATE, next.state().name(), next.attempt(), next.tries(), millis(next.nextAt()), next.callId(),
                    next.detail(), clock.millis(), scheduleId);
            current = SqlHistory.select(c, BY_ID, ScheduleStore::schedule, scheduleId).get(0);
        }
        List<ScheduleRecord> one = List.of(current);
        return joined(one, SqlHistory.select(c, attemptsOf(one), ScheduleStore::linked, scheduleId)).get(0);
    }

    private static void execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = bind(c, sql, parameters)) {
            s.executeUpdate();
        }
    }

    private static PreparedStatement bind(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s;
        } catch (SQLException e) {
            s.close();
            throw e;
        }
    }

    private static String attemptsOf(List<ScheduleRecord> schedules) {
        return ATTEMPTS + " (" + String.join(", ", Collections.nCopies(schedules.size(), "?")) + ") ORDER BY sc.call_id";
    }

    private static Object[] ids(List<ScheduleRecord> schedules) {
        return schedules.stream().map(ScheduleRecord::scheduleId).toArray();
    }

    /** The schedules, each with its attempts. */
    private static List<ScheduleRecord> joined(List<ScheduleRecord> schedules, List<Linked> links) {
        Map<Long, List<Attempt>> byId = new LinkedHashMap<>();
        links.forEach(l -> byId.computeIfAbsent(l.scheduleId(), id -> new ArrayList<>()).add(l.attempt()));
        return schedules.stream()
                .map(s -> s.withAttempts(byId.getOrDefault(s.scheduleId(), List.of())))
                .toList();
    }

    private static ScheduleRecord schedule(ResultSet rs) throws SQLException {
        long call = rs.getLong("call_id");
        Long callId = rs.wasNull() ? null : call;
        return new ScheduleRecord(rs.getLong("id"), rs.getString("external_key"), rs.getString("order_id"),
                rs.getString("sip"), rs.getString("phone"), FirstParty.fromApiName(rs.getString("first")),
                Instant.ofEpochMilli(rs.getLong("time_to_call")),
                rs.getString("retry_interval"), rs.getString("hours"), rs.getString("time_zone"),
                State.valueOf(rs.getString("state")), rs.getInt("attempt"), rs.getInt("tries"),
                instantOrNull(rs, "next_at"), callId, rs.getString("detail"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                List.of());
    }

    private static Linked linked(ResultSet rs) throws SQLException {
        return new Linked(rs.getLong(1), new Attempt(rs.getInt(2), rs.getLong(3), rs.getString(4),
                CallStatus.valueOf(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6)), instantOrNull(rs, "ended_at")));
    }

    private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
