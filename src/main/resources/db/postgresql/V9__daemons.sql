-- Which daemon follows each call (daemon.name): a daemon resumes its own calls at start, and the leader adopts the
-- open calls (and the recordings still due) of a daemon that is gone. Calls from before this version name none ('')
-- and are adopted by the first leader.
ALTER TABLE calls ADD COLUMN daemon TEXT NOT NULL DEFAULT '';
CREATE INDEX calls_open_by_daemon ON calls (daemon) WHERE ended_at IS NULL;

-- Several daemons insert calls, each giving the next id after the highest (CallStore.INSERT_CALL) as its snapshot
-- (REPEATABLE READ) sees it. Touching the event counter row first makes two such inserts exclusive: the second
-- waits for the first's commit and then fails as a serialization failure, which the writer retries with a fresh
-- snapshot, instead of as a duplicate id, which it would not.
CREATE FUNCTION calls_one_at_a_time() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE event_ids SET seq = seq;
    RETURN NEW;
END;
$$;
CREATE TRIGGER calls_one_at_a_time BEFORE INSERT ON calls FOR EACH ROW EXECUTE FUNCTION calls_one_at_a_time();
