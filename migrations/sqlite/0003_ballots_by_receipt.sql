-- The ballot log keeps no trace of the order in which ballots arrived (RULES.md §4: nothing
-- stored may link a delegate to a ballot, and check-ins are recorded in order). A ballot has no
-- position: its key is its receipt, which the kiosk's salt makes random, and WITHOUT ROWID keeps
-- the rows in that key's order. Closing a round rewrites its rows and then the whole file
-- (VACUUM, a truncating checkpoint), so that neither the cells in a page, nor free pages, nor the
-- WAL keep the order of arrival. The server refuses to run this on a database that holds
-- ballots logged in cast order (src/store/mod.rs).
DROP TABLE ballots;
CREATE TABLE ballots (
    congress_id TEXT NOT NULL,
    round       BIGINT NOT NULL,
    leaf_hash   TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (congress_id, round, leaf_hash),
    FOREIGN KEY (congress_id, round) REFERENCES rounds (congress_id, number)
) WITHOUT ROWID;
