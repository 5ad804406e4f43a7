-- Accounts, sessions, the audit log, congress setup, check-in and ballot cards.
-- Times are milliseconds since the Unix epoch; flags are 0 or 1.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('organiser', 'desk', 'inspector')),
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    expires_at BIGINT NOT NULL
);

CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

CREATE TABLE login_failures (
    name TEXT NOT NULL,
    at   BIGINT NOT NULL
);
CREATE INDEX login_failures_by_name ON login_failures (name, at);

-- Append-only and hash-chained: each row's hash covers the previous row's hash.
CREATE TABLE audit_log (
    seq       BIGINT PRIMARY KEY,
    at        BIGINT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TABLE congresses (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    union_name    TEXT NOT NULL,
    date          TEXT NOT NULL,
    venue         TEXT NOT NULL,
    members       BIGINT NOT NULL,
    female_members BIGINT,
    profile       TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    frozen_at     BIGINT,
    manifest      TEXT,
    manifest_hash TEXT,
    public_key    TEXT,
    signing_seed  TEXT
);

CREATE TABLE delegates (
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    number      TEXT NOT NULL,
    name        TEXT NOT NULL,
    gender      TEXT NOT NULL CHECK (gender IN ('female', 'male')),
    unit        TEXT NOT NULL,
    voting      BIGINT NOT NULL,
    present     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (congress_id, number)
);

CREATE TABLE contests (
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    id          TEXT NOT NULL,
    position    BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    seats       BIGINT NOT NULL,
    electorate  TEXT NOT NULL CHECK (electorate IN ('all', 'female', 'plenary')),
    PRIMARY KEY (congress_id, id)
);

CREATE TABLE candidates (
    congress_id     TEXT NOT NULL,
    contest_id      TEXT NOT NULL,
    delegate_number TEXT NOT NULL,
    position        BIGINT NOT NULL,
    PRIMARY KEY (congress_id, contest_id, delegate_number),
    FOREIGN KEY (congress_id, contest_id) REFERENCES contests (congress_id, id)
);

CREATE TABLE scrutineers (
    congress_id     TEXT NOT NULL,
    delegate_number TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('chief', 'scrutineer', 'teller')),
    PRIMARY KEY (congress_id, delegate_number)
);

-- Only a hash of each code is kept. Nothing here refers to a delegate.
CREATE TABLE cards (
    code_hash   TEXT PRIMARY KEY,
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    style       TEXT NOT NULL,
    batch       BIGINT NOT NULL,
    active      BIGINT NOT NULL DEFAULT 0,
    void        BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX cards_by_style ON cards (congress_id, style, active);
