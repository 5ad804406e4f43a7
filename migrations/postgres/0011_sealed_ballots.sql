-- Sealed ballots (docs/sealed-ballots.md §7): a round's ballots may not share a salt, which
-- every proof of a sealed ballot is bound to, so the log keeps each ballot's salt under a
-- unique index (random, like the receipts, and in no order of casting); ballots logged before
-- have none.
ALTER TABLE ballots ADD COLUMN salt TEXT;
CREATE UNIQUE INDEX ballots_salt ON ballots (congress_id, round, salt);

-- Ballots challenged at a kiosk (§7.1): never counted, published with their openings so that
-- anyone can check the kiosk sealed what it showed. Keyed by tracker (the ballot's would-be
-- receipt), with no card, no kiosk and no time.
CREATE TABLE spoiled_ballots (
    congress_id TEXT NOT NULL,
    round       BIGINT NOT NULL,
    tracker     TEXT NOT NULL,
    salt        TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (congress_id, round, tracker),
    UNIQUE (congress_id, round, salt),
    FOREIGN KEY (congress_id, round) REFERENCES rounds (congress_id, number)
);
ALTER TABLE spoiled_ballots ALTER COLUMN body SET STORAGE MAIN;

-- A sealed round, once closed, waits for the trustees to open its totals: its tree head is
-- signed at closing, and so are the turnout and ballots issued then (`closing`), while the
-- result comes with the opening.
ALTER TABLE rounds ADD COLUMN closing TEXT;

-- The trustees' partial decryptions of a closed sealed round's lists (§9), each checked before
-- it is kept; `step` is `totals` (the first list) or `write-ins` (the second).
CREATE TABLE partial_decryptions (
    congress_id TEXT NOT NULL,
    round       BIGINT NOT NULL,
    step        TEXT NOT NULL CHECK (step IN ('totals', 'write-ins')),
    trustee     BIGINT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (congress_id, round, step, trustee),
    FOREIGN KEY (congress_id, round) REFERENCES rounds (congress_id, number)
);
