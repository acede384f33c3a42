-- The event counter (event_ids, V1) taken once per transaction instead of once per row. Before, every status
-- (call_event_id), every webhook position (event_position_id) and every call (calls_one_at_a_time, V9) updated the
-- counter row: one new row version each, none of which can be pruned before the transaction ends, so the k-th
-- event of a transaction scanned k versions to find the row (a writer's batch of n events cost n^2/2 version
-- visits: 16 us an event in a batch of 1,000, 250 us in one of 16,000).
--
-- Now the first of them in a transaction locks the counter row (SELECT ... FOR UPDATE: held to the end of the
-- transaction, so a second writer still waits for the first's commit or rollback, as V1 promises), and the
-- transaction's last id is kept in a transaction-local setting (set_config(..., true): a rollback, also to a
-- savepoint, takes it back with the ids). The counter row is written once, at commit, by a deferred trigger; a
-- second writer that took its snapshot before that commit then fails as a serialization failure at the lock, as it
-- did before (V9), and tries again. Ids stay gap-free and in commit order.

-- The highest event id this transaction has seen or given; the first call locks the counter row and reads it.
CREATE FUNCTION event_ids_taken() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    taken BIGINT := NULLIF(current_setting('callcontrol.event_ids_taken', true), '')::BIGINT;
BEGIN
    IF taken IS NULL THEN
        SELECT seq INTO taken FROM event_ids FOR UPDATE;
        PERFORM set_config('callcontrol.event_ids_taken', taken::text, true);
    END IF;
    RETURN taken;
END;
$$;

-- An id given or kept (an explicit one, from a copied store) becomes the transaction's highest.
CREATE FUNCTION event_ids_give(id BIGINT) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('callcontrol.event_ids_taken',
        GREATEST(NULLIF(current_setting('callcontrol.event_ids_taken', true), '')::BIGINT, id)::text, true);
END;
$$;

-- At commit: the counter row moves to the transaction's highest id, once (the trigger fires for each row inserted;
-- the rows after the first find it written). Written even when no id was given (a transaction that inserted calls
-- alone), so that a writer waiting at the lock sees the row changed (V9).
CREATE FUNCTION event_ids_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    taken TEXT := NULLIF(current_setting('callcontrol.event_ids_taken', true), '');
BEGIN
    IF taken IS NOT NULL AND taken IS DISTINCT FROM current_setting('callcontrol.event_ids_written', true) THEN
        UPDATE event_ids SET seq = GREATEST(seq, taken::BIGINT);
        PERFORM set_config('callcontrol.event_ids_written', taken, true);
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION call_event_id() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    taken BIGINT := event_ids_taken();
BEGIN
    IF EXISTS (SELECT 1 FROM call_events WHERE call_id = NEW.call_id AND status = NEW.status) THEN
        RETURN NULL;
    END IF;
    IF NEW.id IS NULL THEN
        NEW.id := taken + 1;
    END IF;
    PERFORM event_ids_give(NEW.id);
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION event_position_id() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    taken BIGINT := event_ids_taken();
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := taken + 1;
    END IF;
    PERFORM event_ids_give(NEW.id);
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION calls_one_at_a_time() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM event_ids_taken();
    RETURN NEW;
END;
$$;

CREATE CONSTRAINT TRIGGER call_events_ids_written AFTER INSERT ON call_events DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION event_ids_write();
CREATE CONSTRAINT TRIGGER event_positions_ids_written AFTER INSERT ON event_positions DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION event_ids_write();
CREATE CONSTRAINT TRIGGER calls_ids_written AFTER INSERT ON calls DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION event_ids_write();
