-- Kiosks, voting rounds, the ballot log, spent cards, decisions, the publication and
-- countersignatures. Times are milliseconds since the Unix epoch; flags are 0 or 1.

-- An enrolled kiosk: its device credential is kept as a hash.
CREATE TABLE kiosks (
    id          TEXT PRIMARY KEY,
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    enabled     BIGINT NOT NULL DEFAULT 1,
    paired_at   BIGINT NOT NULL
);

-- One-time pairing codes an organiser hands to a kiosk, kept as hashes.
CREATE TABLE kiosk_pairings (
    code_hash   TEXT PRIMARY KEY,
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    name        TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
);

-- A round: its definition is fixed at opening; the tree head and result at closing.
CREATE TABLE rounds (
    congress_id         TEXT NOT NULL REFERENCES congresses (id),
    number              BIGINT NOT NULL,
    definition          TEXT NOT NULL,
    open                BIGINT NOT NULL DEFAULT 1,
    size                BIGINT NOT NULL DEFAULT 0,
    tree_head           TEXT,
    tree_head_signature TEXT,
    result              TEXT,
    result_hash         TEXT,
    result_signature    TEXT,
    PRIMARY KEY (congress_id, number)
);
CREATE UNIQUE INDEX one_open_round ON rounds (congress_id) WHERE open = 1;

-- The ballot log: no card, no kiosk, no time.
CREATE TABLE ballots (
    congress_id TEXT NOT NULL,
    round       BIGINT NOT NULL,
    seq         BIGINT NOT NULL,
    leaf_hash   TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (congress_id, round, seq),
    UNIQUE (congress_id, round, leaf_hash),
    FOREIGN KEY (congress_id, round) REFERENCES rounds (congress_id, number)
);

-- A card spent in a round. The key makes a card single-use per round. The row holds neither
-- a time nor a reference to its ballot.
CREATE TABLE spent_cards (
    congress_id TEXT NOT NULL,
    round       BIGINT NOT NULL,
    code_hash   TEXT NOT NULL,
    PRIMARY KEY (congress_id, round, code_hash)
);

-- Seat reductions the congress consented to, signed.
CREATE TABLE decisions (
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    seq         BIGINT NOT NULL,
    body        TEXT NOT NULL,
    hash        TEXT NOT NULL,
    signature   TEXT NOT NULL,
    PRIMARY KEY (congress_id, seq)
);

-- The members of the new committee present at its first plenary.
CREATE TABLE plenary_present (
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    number      TEXT NOT NULL,
    PRIMARY KEY (congress_id, number)
);

-- The publication: its hash is the result hash of the minutes.
CREATE TABLE publications (
    congress_id  TEXT PRIMARY KEY REFERENCES congresses (id),
    body         TEXT NOT NULL,
    result_hash  TEXT NOT NULL,
    signature    TEXT NOT NULL,
    published_at BIGINT NOT NULL
);

-- Inspectors' countersignatures of the result hash, with their own keys.
CREATE TABLE countersignatures (
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    inspector   TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    signature   TEXT NOT NULL,
    signed_at   BIGINT NOT NULL,
    PRIMARY KEY (congress_id, inspector)
);
