-- db/sqlite/V4__webhooks.sql: one sequence of event ids for everything the CRM is told of. Status changes keep their
-- call_events ids; a recording ready and an operator's presence change each take the next id from the same counter
-- (event_ids, V1), inside the writer's transaction, so all events are numbered in commit order and one after_id
-- cursor covers them. A recording or presence change an admin deletes takes its position with it.
CREATE TABLE event_positions (
    id                 BIGINT PRIMARY KEY,
    recording_id       BIGINT UNIQUE REFERENCES recordings (id) ON DELETE CASCADE,
    operator_event_id  BIGINT UNIQUE REFERENCES operator_events (id) ON DELETE CASCADE,
    CHECK ((recording_id IS NULL) <> (operator_event_id IS NULL))
);

-- The next event id, under the counter's row lock (held to the end of the transaction); an explicit id (a copied
-- store) is kept and the counter moved past it.
CREATE FUNCTION event_position_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        UPDATE event_ids SET seq = seq + 1 RETURNING seq INTO NEW.id;
    ELSE
        UPDATE event_ids SET seq = GREATEST(seq, NEW.id);
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER event_position_id BEFORE INSERT ON event_positions FOR EACH ROW EXECUTE FUNCTION event_position_id();

-- A recording row is inserted once (later updates of its size are not new events).
CREATE FUNCTION recording_ready_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_positions (recording_id) VALUES (NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER recording_ready_position AFTER INSERT ON recordings
    FOR EACH ROW EXECUTE FUNCTION recording_ready_position();

CREATE FUNCTION presence_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_positions (operator_event_id) VALUES (NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER presence_position AFTER INSERT ON operator_events
    FOR EACH ROW EXECUTE FUNCTION presence_position();

-- Each webhook target's durable cursor: the id of the last event its receiver acknowledged with a 2xx.
CREATE TABLE webhook_cursors (
    url           TEXT    PRIMARY KEY,
    delivered_id  BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
