-- The call-control actions Asterisk accepted on a call in progress (hangupLeg, sendDtmf), beside the status chain:
-- statuses stay what Asterisk reported about the call, these rows say what was done to it through the API, and
-- when. One row per accepted action, in the order accepted; an action Asterisk refused leaves none.
CREATE TABLE call_actions (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id  INTEGER NOT NULL REFERENCES calls (id),
    action   TEXT    NOT NULL,
    party    TEXT    NOT NULL,
    channel  TEXT    NOT NULL,
    detail   TEXT    NOT NULL,
    at       INTEGER NOT NULL
);
CREATE INDEX call_actions_by_call ON call_actions (call_id, id);
