-- db/sqlite/V2__row_counts.sql: the sizes of the listings the API pages through (recordList, operatorHistory),
-- kept by triggers in the transaction that inserts or deletes the rows.
-- listing: 'recordings', 'operator_events', or 'operator_events/<sip>' for one operator's changes.
CREATE TABLE row_counts (
    listing  TEXT    PRIMARY KEY,
    n        BIGINT  NOT NULL
);
INSERT INTO row_counts (listing, n) SELECT 'recordings', COUNT(*) FROM recordings;
INSERT INTO row_counts (listing, n) SELECT 'operator_events', COUNT(*) FROM operator_events;
INSERT INTO row_counts (listing, n) SELECT 'operator_events/' || sip, COUNT(*) FROM operator_events GROUP BY sip;

-- A recording added again for the same call updates its row (ON CONFLICT DO UPDATE): no insert, no count.
CREATE FUNCTION recordings_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE row_counts SET n = n + 1 WHERE listing = 'recordings';
    ELSE
        UPDATE row_counts SET n = n - 1 WHERE listing = 'recordings';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER recordings_counted AFTER INSERT OR DELETE ON recordings
    FOR EACH ROW EXECUTE FUNCTION recordings_counted();

CREATE FUNCTION operator_events_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE row_counts SET n = n + 1 WHERE listing = 'operator_events';
        INSERT INTO row_counts (listing, n) VALUES ('operator_events/' || NEW.sip, 1)
            ON CONFLICT (listing) DO UPDATE SET n = row_counts.n + 1;
    ELSE
        UPDATE row_counts SET n = n - 1 WHERE listing IN ('operator_events', 'operator_events/' || OLD.sip);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER operator_events_counted AFTER INSERT OR DELETE ON operator_events
    FOR EACH ROW EXECUTE FUNCTION operator_events_counted();
