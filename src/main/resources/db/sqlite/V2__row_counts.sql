-- The sizes of the listings the API pages through (recordList, operatorHistory), kept by triggers in the
-- transaction that inserts or deletes the rows, so a page does not count a million rows to say its total.
-- listing: 'recordings', 'operator_events', or 'operator_events/<sip>' for one operator's changes.
CREATE TABLE row_counts (
    listing  TEXT    PRIMARY KEY,
    n        INTEGER NOT NULL
);
INSERT INTO row_counts (listing, n) SELECT 'recordings', COUNT(*) FROM recordings;
INSERT INTO row_counts (listing, n) SELECT 'operator_events', COUNT(*) FROM operator_events;
INSERT INTO row_counts (listing, n) SELECT 'operator_events/' || sip, COUNT(*) FROM operator_events GROUP BY sip;

-- A recording added again for the same call updates its row (ON CONFLICT DO UPDATE): no insert, no count.
CREATE TRIGGER recordings_counted AFTER INSERT ON recordings
BEGIN
    UPDATE row_counts SET n = n + 1 WHERE listing = 'recordings';
END;

CREATE TRIGGER recordings_uncounted AFTER DELETE ON recordings
BEGIN
    UPDATE row_counts SET n = n - 1 WHERE listing = 'recordings';
END;

CREATE TRIGGER operator_events_counted AFTER INSERT ON operator_events
BEGIN
    UPDATE row_counts SET n = n + 1 WHERE listing = 'operator_events';
    INSERT INTO row_counts (listing, n) VALUES ('operator_events/' || NEW.sip, 1)
        ON CONFLICT (listing) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER operator_events_uncounted AFTER DELETE ON operator_events
BEGIN
    UPDATE row_counts SET n = n - 1 WHERE listing IN ('operator_events', 'operator_events/' || OLD.sip);
END;
