-- The ballot log keeps no trace of the order in which ballots arrived (RULES.md §4: nothing
-- stored may link a delegate to a ballot, and check-ins are recorded in order). A ballot has no
-- position: its key is its receipt, which the kiosk's salt makes random. Closing a round
-- rewrites its rows in one transaction (so every row carries the same xmin) and then the tables
-- in key order (CLUSTER), so that neither ctid order nor dead tuples keep the order of arrival.
-- The body stays in the row (STORAGE MAIN): values moved to a TOAST table would keep OIDs handed
-- out in arrival order. The server refuses to run this on a database that holds ballots logged
-- in cast order (src/store/mod.rs).
DROP TABLE ballots;
CREATE TABLE ballots (
    congress_id TEXT NOT NULL,
    round       BIGINT NOT NULL,
    leaf_hash   TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (congress_id, round, leaf_hash),
    FOREIGN KEY (congress_id, round) REFERENCES rounds (congress_id, number)
);
ALTER TABLE ballots ALTER COLUMN body SET STORAGE MAIN;
