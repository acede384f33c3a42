-- The recordings still to be linked: a row from the moment a call's parties are connected (so MixMonitor writes
-- its file) until that file is linked (the row goes in the transaction that inserts the recording) or given up
-- on, reported as missing (the row goes then too, so it is reported once). A daemon that stopped in between finds
-- here, at its next start, what it was still waiting for.
CREATE TABLE recordings_due (
    call_id  BIGINT  PRIMARY KEY REFERENCES calls (id),
    file     TEXT    NOT NULL,
    since    BIGINT  NOT NULL
);
