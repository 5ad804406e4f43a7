-- no-transaction
-- The first meetings of the bodies the congress elects: the committee's plenary elects the chair
-- and vice-chairs, the funds audit committee its 主任 and 副主任, the women workers' committee its
-- 主任, each from its own members. Contests gain the electorates `audit_plenary` and
-- `women_plenary`, and who is present is kept per sitting.
--
-- SQLite cannot alter a CHECK constraint, so `contests` is rebuilt (the procedure of the SQLite
-- manual, "Making Other Kinds Of Table Schema Changes"): with foreign keys off, outside the
-- migrator's transaction, in a transaction of its own, checked before it commits.
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TABLE contests_rebuilt (
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    id          TEXT NOT NULL,
    position    BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    seats       BIGINT NOT NULL,
    electorate  TEXT NOT NULL
        CHECK (electorate IN ('all', 'female', 'plenary', 'audit_plenary', 'women_plenary')),
    PRIMARY KEY (congress_id, id)
);
INSERT INTO contests_rebuilt (congress_id, id, position, kind, title, seats, electorate)
    SELECT congress_id, id, position, kind, title, seats, electorate FROM contests;
DROP TABLE contests;
ALTER TABLE contests_rebuilt RENAME TO contests;

-- The members present at each body's first meeting.
CREATE TABLE sitting_present (
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    sitting     TEXT NOT NULL CHECK (sitting IN ('plenary', 'audit_plenary', 'women_plenary')),
    number      TEXT NOT NULL,
    PRIMARY KEY (congress_id, sitting, number)
);
INSERT INTO sitting_present (congress_id, sitting, number)
    SELECT congress_id, 'plenary', number FROM plenary_present;
DROP TABLE plenary_present;

PRAGMA foreign_key_check;

COMMIT;

PRAGMA foreign_keys = ON;
