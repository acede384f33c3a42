-- Which daemon follows each call (daemon.name): a daemon resumes its own calls at start, and the leader adopts the
-- open calls (and the recordings still due) of a daemon that is gone. Calls from before this version name none ('')
-- and are adopted by the first leader. On SQLite there is one daemon; the column is kept for the same queries.
ALTER TABLE calls ADD COLUMN daemon TEXT NOT NULL DEFAULT '';
CREATE INDEX calls_open_by_daemon ON calls (daemon) WHERE ended_at IS NULL;
