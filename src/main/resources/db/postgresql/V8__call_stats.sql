-- db/sqlite/V8__call_stats.sql in PostgreSQL's words: each ended call keeps its ring and talk time (milliseconds;
-- NULL when it has none), and is counted into tallies by quarter hour (UTC, epoch millis / 900000) and by UTC day
-- (/ 86400000) of its placing (calls.created_at), operator and terminal status, in the transaction that writes its
-- terminal status. The SQLite script says what ring and talk time are. stats_quarters.sip '' is all operators.
ALTER TABLE calls ADD COLUMN ring_ms BIGINT;
ALTER TABLE calls ADD COLUMN talk_ms BIGINT;

CREATE TABLE stats_quarters (
    sip         TEXT    NOT NULL,
    quarter     BIGINT  NOT NULL,
    status      TEXT    NOT NULL,
    calls       BIGINT  NOT NULL,
    ring_calls  BIGINT  NOT NULL,
    ring_ms     BIGINT  NOT NULL,
    talk_calls  BIGINT  NOT NULL,
    talk_ms     BIGINT  NOT NULL,
    PRIMARY KEY (sip, quarter, status)
);
CREATE INDEX stats_quarters_by_quarter ON stats_quarters (quarter);

CREATE TABLE stats_days (
    day         BIGINT  NOT NULL,
    sip         TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    calls       BIGINT  NOT NULL,
    ring_calls  BIGINT  NOT NULL,
    ring_ms     BIGINT  NOT NULL,
    talk_calls  BIGINT  NOT NULL,
    talk_ms     BIGINT  NOT NULL,
    PRIMARY KEY (day, sip, status)
);

-- The calls that ended before this version: their times from their events, then their tallies.
UPDATE calls SET
    ring_ms = (SELECT COALESCE(MAX(CASE WHEN e.status = (CASE calls.first WHEN 'client' THEN 'CLIENT_PICKUP' ELSE 'OPERATOR_PICKUP' END) THEN e.at END),
                               MAX(CASE WHEN e.status = calls.status THEN e.at END))
                      - MAX(CASE WHEN e.status = (CASE calls.first WHEN 'client' THEN 'CLIENT_CALLTO' ELSE 'OPERATOR_CALLTO' END) THEN e.at END)
               FROM call_events e WHERE e.call_id = calls.id),
    talk_ms = CASE WHEN status = 'FINISH' THEN
              (SELECT MAX(CASE WHEN e.status = 'FINISH' THEN e.at END)
                      - MAX(CASE WHEN e.status = (CASE calls.first WHEN 'client' THEN 'OPERATOR_PICKUP' ELSE 'CLIENT_PICKUP' END) THEN e.at END)
               FROM call_events e WHERE e.call_id = calls.id) END
    WHERE ended_at IS NOT NULL;
INSERT INTO stats_quarters (sip, quarter, status, calls, ring_calls, ring_ms, talk_calls, talk_ms)
    SELECT '', created_at / 900000, status, COUNT(*), COUNT(ring_ms), COALESCE(SUM(ring_ms), 0), COUNT(talk_ms),
           COALESCE(SUM(talk_ms), 0)
    FROM calls WHERE ended_at IS NOT NULL GROUP BY created_at / 900000, status;
INSERT INTO stats_quarters (sip, quarter, status, calls, ring_calls, ring_ms, talk_calls, talk_ms)
    SELECT sip, created_at / 900000, status, COUNT(*), COUNT(ring_ms), COALESCE(SUM(ring_ms), 0), COUNT(talk_ms),
           COALESCE(SUM(talk_ms), 0)
    FROM calls WHERE ended_at IS NOT NULL GROUP BY sip, created_at / 900000, status;
INSERT INTO stats_days (day, sip, status, calls, ring_calls, ring_ms, talk_calls, talk_ms)
    SELECT created_at / 86400000, sip, status, COUNT(*), COUNT(ring_ms), COALESCE(SUM(ring_ms), 0), COUNT(talk_ms),
           COALESCE(SUM(talk_ms), 0)
    FROM calls WHERE ended_at IS NOT NULL GROUP BY created_at / 86400000, sip, status;

-- A terminal status is written once per call: its times and tallies go in with it.
CREATE FUNCTION call_ended_stats() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    c calls%ROWTYPE;
    ring BIGINT;
    talk BIGINT;
BEGIN
    SELECT * INTO c FROM calls WHERE id = NEW.call_id;
    SELECT COALESCE(MAX(CASE WHEN e.status = (CASE c.first WHEN 'client' THEN 'CLIENT_PICKUP' ELSE 'OPERATOR_PICKUP' END) THEN e.at END), NEW.at)
           - MAX(CASE WHEN e.status = (CASE c.first WHEN 'client' THEN 'CLIENT_CALLTO' ELSE 'OPERATOR_CALLTO' END) THEN e.at END),
           CASE WHEN NEW.status = 'FINISH' THEN NEW.at
                - MAX(CASE WHEN e.status = (CASE c.first WHEN 'client' THEN 'OPERATOR_PICKUP' ELSE 'CLIENT_PICKUP' END) THEN e.at END) END
        INTO ring, talk FROM call_events e WHERE e.call_id = NEW.call_id;
    UPDATE calls SET ring_ms = ring, talk_ms = talk WHERE id = NEW.call_id;
    INSERT INTO stats_quarters AS t (sip, quarter, status, calls, ring_calls, ring_ms, talk_calls, talk_ms)
        VALUES ('', c.created_at / 900000, NEW.status, 1, (ring IS NOT NULL)::int, COALESCE(ring, 0),
                (talk IS NOT NULL)::int, COALESCE(talk, 0)),
               (c.sip, c.created_at / 900000, NEW.status, 1, (ring IS NOT NULL)::int, COALESCE(ring, 0),
                (talk IS NOT NULL)::int, COALESCE(talk, 0))
        ON CONFLICT (sip, quarter, status) DO UPDATE SET calls = t.calls + 1, ring_calls = t.ring_calls + excluded.ring_calls,
            ring_ms = t.ring_ms + excluded.ring_ms, talk_calls = t.talk_calls + excluded.talk_calls,
            talk_ms = t.talk_ms + excluded.talk_ms;
    INSERT INTO stats_days AS t (day, sip, status, calls, ring_calls, ring_ms, talk_calls, talk_ms)
        VALUES (c.created_at / 86400000, c.sip, NEW.status, 1, (ring IS NOT NULL)::int, COALESCE(ring, 0),
                (talk IS NOT NULL)::int, COALESCE(talk, 0))
        ON CONFLICT (day, sip, status) DO UPDATE SET calls = t.calls + 1, ring_calls = t.ring_calls + excluded.ring_calls,
            ring_ms = t.ring_ms + excluded.ring_ms, talk_calls = t.talk_calls + excluded.talk_calls,
            talk_ms = t.talk_ms + excluded.talk_ms;
    RETURN NULL;
END;
$$;
CREATE TRIGGER call_ended_stats AFTER INSERT ON call_events FOR EACH ROW
    WHEN (NEW.status IN ('OPERATOR_NOANSWER', 'OPERATOR_BUSY', 'OPERATOR_OFFLINE', 'CLIENT_NOANSWER', 'CLIENT_BUSY',
                         'CLIENT_CANCEL', 'ERROR', 'FINISH'))
    EXECUTE FUNCTION call_ended_stats();
