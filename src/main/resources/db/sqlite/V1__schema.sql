-- Calls: one row per call, with its current status. id is the call_id given to the CRM.
CREATE TABLE calls (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    external_key  TEXT    NOT NULL UNIQUE,
    order_id      TEXT    NOT NULL,
    sip           TEXT    NOT NULL,
    phone         TEXT    NOT NULL,
    channel_id    TEXT    NOT NULL UNIQUE,
    status        TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    ended_at      INTEGER
);
CREATE INDEX calls_by_order ON calls (order_id, id);
CREATE INDEX calls_in_progress ON calls (id) WHERE ended_at IS NULL;

-- Every status change; id is the monotonic cursor of callHistory. A status happens once per call.
CREATE TABLE call_events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id   INTEGER NOT NULL REFERENCES calls (id),
    order_id  TEXT    NOT NULL,
    status    TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    detail    TEXT    NOT NULL DEFAULT '',
    UNIQUE (call_id, status)
);
CREATE INDEX call_events_by_order ON call_events (order_id, id);

-- One recording per call; file is relative to recordings.dir.
CREATE TABLE recordings (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id      INTEGER NOT NULL UNIQUE REFERENCES calls (id),
    order_id     TEXT    NOT NULL,
    file         TEXT    NOT NULL,
    size_bytes   INTEGER NOT NULL,
    duration_ms  INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX recordings_by_order ON recordings (order_id, id);

-- Operators' presence now, and its changes.
CREATE TABLE operators (
    sip           TEXT    PRIMARY KEY,
    status        TEXT    NOT NULL,
    device_state  TEXT    NOT NULL,
    since         INTEGER NOT NULL
);
CREATE INDEX operators_by_status ON operators (status, sip);

CREATE TABLE operator_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    sip           TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    device_state  TEXT    NOT NULL,
    at            INTEGER NOT NULL
);
CREATE INDEX operator_events_by_sip ON operator_events (sip, id);
