-- Push: one sequence of event ids for everything the CRM is told of. Status changes keep their call_events ids
-- (callHistory's cursor); a recording ready and an operator's presence change each take the next id of the same
-- sequence (call_events is AUTOINCREMENT: its sequence is in sqlite_sequence), written by the triggers below
-- inside the writer's transaction. So all events are numbered in commit order and one after_id cursor covers
-- them; callHistory simply skips the ids taken here.
-- A trigger's inner statement ends its line with a comment, so that no migration runner takes its ';' for the
-- end of the CREATE TRIGGER; the trigger ends at its line END;.
-- A recording or presence change an admin deletes takes its position with it.
CREATE TABLE event_positions (
    id                 INTEGER PRIMARY KEY,
    recording_id       INTEGER UNIQUE REFERENCES recordings (id) ON DELETE CASCADE,
    operator_event_id  INTEGER UNIQUE REFERENCES operator_events (id) ON DELETE CASCADE,
    CHECK ((recording_id IS NULL) <> (operator_event_id IS NULL))
);

-- The sequence's row exists once a status was written; a fresh store gets it here.
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'call_events', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'call_events');

-- A recording row is inserted once (later updates of its size are not new events).
CREATE TRIGGER recording_ready_position AFTER INSERT ON recordings
BEGIN
    INSERT INTO event_positions (id, recording_id)
        SELECT seq + 1, NEW.id FROM sqlite_sequence WHERE name = 'call_events'; -- the next event id
END;

CREATE TRIGGER presence_position AFTER INSERT ON operator_events
BEGIN
    INSERT INTO event_positions (id, operator_event_id)
        SELECT seq + 1, NEW.id FROM sqlite_sequence WHERE name = 'call_events'; -- the next event id
END;

-- The id just taken is used up: the next status gets a higher one.
CREATE TRIGGER event_position_taken AFTER INSERT ON event_positions
BEGIN
    UPDATE sqlite_sequence SET seq = NEW.id WHERE name = 'call_events' AND seq < NEW.id; -- used up
END;

-- Each webhook target's durable cursor: the id of the last event its receiver acknowledged with a 2xx.
CREATE TABLE webhook_cursors (
    url           TEXT    PRIMARY KEY,
    delivered_id  INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
