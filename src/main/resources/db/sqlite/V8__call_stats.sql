-- Call statistics (callStats). Each ended call keeps its ring and talk time (milliseconds; NULL when it has none):
--   ring: from the ringing of the party rung first (OPERATOR_CALLTO, or CLIENT_CALLTO for a client-first call) to
--         that party's answer (OPERATOR_PICKUP / CLIENT_PICKUP), or to the terminal status when it never answered;
--         none when that phone never rang (it answered at once, or the Originate failed);
--   talk: from the parties' connection (CLIENT_PICKUP, or OPERATOR_PICKUP for a client-first call) to FINISH;
--         only calls that end FINISH have one.
-- and is counted, by the trigger below in the transaction that writes its terminal status, into two tables of
-- tallies keyed by the quarter hour (UTC, epoch millis / 900000) or the UTC day (/ 86400000) in which the call was
-- placed (calls.created_at), its operator and its terminal status. Every zone's local hours and days are whole
-- quarter hours, so a read sums a few thousand tallies for a month instead of reading its calls.
-- stats_quarters.sip is '' for the tallies of all operators together.
ALTER TABLE calls ADD COLUMN ring_ms INTEGER;
ALTER TABLE calls ADD COLUMN talk_ms INTEGER;

CREATE TABLE stats_quarters (
    sip         TEXT    NOT NULL,
    quarter     INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    calls       INTEGER NOT NULL,
    ring_calls  INTEGER NOT NULL,
    ring_ms     INTEGER NOT NULL,
    talk_calls  INTEGER NOT NULL,
    talk_ms     INTEGER NOT NULL,
    PRIMARY KEY (sip, quarter, status)
) WITHOUT ROWID;
-- all operators' tallies of a stretch of quarters, for the ends of a range that are not whole UTC days
CREATE INDEX stats_quarters_by_quarter ON stats_quarters (quarter);

CREATE TABLE stats_days (
    day         INTEGER NOT NULL,
    sip         TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    calls       INTEGER NOT NULL,
    ring_calls  INTEGER NOT NULL,
    ring_ms     INTEGER NOT NULL,
    talk_calls  INTEGER NOT NULL,
    talk_ms     INTEGER NOT NULL,
    PRIMARY KEY (day, sip, status)
) WITHOUT ROWID;

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

-- A terminal status is written once per call (a call that has ended takes no further status): its times and
-- tallies go in with it. The writer moves the call's row to that status just after, in the same transaction.
CREATE TRIGGER call_ended_stats AFTER INSERT ON call_events
WHEN NEW.status IN ('OPERATOR_NOANSWER', 'OPERATOR_BUSY', 'OPERATOR_OFFLINE', 'CLIENT_NOANSWER', 'CLIENT_BUSY',
                    'CLIENT_CANCEL', 'ERROR', 'FINISH')
BEGIN
    UPDATE calls SET
        ring_ms = (SELECT COALESCE(MAX(CASE WHEN e.status = (CASE calls.first WHEN 'client' THEN 'CLIENT_PICKUP' ELSE 'OPERATOR_PICKUP' END) THEN e.at END), NEW.at)
                          - MAX(CASE WHEN e.status = (CASE calls.first WHEN 'client' THEN 'CLIENT_CALLTO' ELSE 'OPERATOR_CALLTO' END) THEN e.at END)
                   FROM call_events e WHERE e.call_id = NEW.call_id),
        talk_ms = CASE WHEN NEW.status = 'FINISH' THEN NEW.at - (SELECT e.at FROM call_events e WHERE e.call_id = NEW.call_id
                          AND e.status = (CASE calls.first WHEN 'client' THEN 'OPERATOR_PICKUP' ELSE 'CLIENT_PICKUP' END)) END
        WHERE id = NEW.call_id; -- the call's times
    INSERT INTO stats_quarters (sip, quarter, status, calls, ring_calls, ring_ms, talk_calls, talk_ms)
        SELECT '', created_at / 900000, NEW.status, 1, ring_ms IS NOT NULL, COALESCE(ring_ms, 0), talk_ms IS NOT NULL, COALESCE(talk_ms, 0)
        FROM calls WHERE id = NEW.call_id
        ON CONFLICT (sip, quarter, status) DO UPDATE SET calls = stats_quarters.calls + 1, ring_calls = stats_quarters.ring_calls + excluded.ring_calls, ring_ms = stats_quarters.ring_ms + excluded.ring_ms, talk_calls = stats_quarters.talk_calls + excluded.talk_calls, talk_ms = stats_quarters.talk_ms + excluded.talk_ms; -- all operators
    INSERT INTO stats_quarters (sip, quarter, status, calls, ring_calls, ring_ms, talk_calls, talk_ms)
        SELECT sip, created_at / 900000, NEW.status, 1, ring_ms IS NOT NULL, COALESCE(ring_ms, 0), talk_ms IS NOT NULL, COALESCE(talk_ms, 0)
        FROM calls WHERE id = NEW.call_id
        ON CONFLICT (sip, quarter, status) DO UPDATE SET calls = stats_quarters.calls + 1, ring_calls = stats_quarters.ring_calls + excluded.ring_calls, ring_ms = stats_quarters.ring_ms + excluded.ring_ms, talk_calls = stats_quarters.talk_calls + excluded.talk_calls, talk_ms = stats_quarters.talk_ms + excluded.talk_ms; -- its operator
    INSERT INTO stats_days (day, sip, status, calls, ring_calls, ring_ms, talk_calls, talk_ms)
        SELECT created_at / 86400000, sip, NEW.status, 1, ring_ms IS NOT NULL, COALESCE(ring_ms, 0), talk_ms IS NOT NULL, COALESCE(talk_ms, 0)
        FROM calls WHERE id = NEW.call_id
        ON CONFLICT (day, sip, status) DO UPDATE SET calls = stats_days.calls + 1, ring_calls = stats_days.ring_calls + excluded.ring_calls, ring_ms = stats_days.ring_ms + excluded.ring_ms, talk_calls = stats_days.talk_calls + excluded.talk_calls, talk_ms = stats_days.talk_ms + excluded.talk_ms; -- its operator's day
END;
