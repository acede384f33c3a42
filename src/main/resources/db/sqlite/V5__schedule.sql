-- Scheduled calls: a makeCall with time_to_call, interval or hours. The schedule owns the CRM's external_key;
-- each attempt is an ordinary call of the order (created when it is placed), linked here with its number.
CREATE TABLE schedules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    external_key  TEXT    NOT NULL UNIQUE,
    order_id      TEXT    NOT NULL,
    sip           TEXT    NOT NULL,
    phone         TEXT    NOT NULL,
    time_to_call  INTEGER NOT NULL,
    -- the plan as asked: retry intervals ('5,10,15', '' for none), opening hours ('' for always), IANA zone
    retry_interval TEXT   NOT NULL,
    hours         TEXT    NOT NULL,
    time_zone     TEXT    NOT NULL,
    -- SCHEDULED (waiting for next_at), CALLING (an attempt's call runs), DONE, CANCELLED
    state         TEXT    NOT NULL,
    -- the attempt due (SCHEDULED) or placed (CALLING), from 1; tries counts its placements
    attempt       INTEGER NOT NULL,
    tries         INTEGER NOT NULL,
    next_at       INTEGER,
    call_id       INTEGER REFERENCES calls (id),
    detail        TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX schedules_by_order ON schedules (order_id, id);
CREATE INDEX schedules_due ON schedules (next_at) WHERE state = 'SCHEDULED';
CREATE INDEX schedules_calling ON schedules (id) WHERE state = 'CALLING';

-- The calls placed for a schedule; attempt is the attempt each belongs to.
CREATE TABLE schedule_calls (
    call_id      INTEGER PRIMARY KEY REFERENCES calls (id),
    schedule_id  INTEGER NOT NULL REFERENCES schedules (id),
    attempt      INTEGER NOT NULL
);
CREATE INDEX schedule_calls_by_schedule ON schedule_calls (schedule_id, call_id);

-- An external_key is unique across calls and schedules: the daemon checks before it writes, and this refuses a
-- call that would take a schedule's key in the instant between that check and the insert.
CREATE TRIGGER calls_external_key_not_scheduled BEFORE INSERT ON calls
WHEN EXISTS (SELECT 1 FROM schedules WHERE external_key = NEW.external_key)
BEGIN
    SELECT RAISE(ABORT, 'external_key is already used by a scheduled call'); -- the body's one statement
END;
