-- The first meetings of the bodies the congress elects: the committee's plenary elects the chair
-- and vice-chairs, the funds audit committee its 主任 and 副主任, the women workers' committee its
-- 主任, each from its own members. Contests gain the electorates `audit_plenary` and
-- `women_plenary`, and who is present is kept per sitting.
ALTER TABLE contests DROP CONSTRAINT contests_electorate_check;
ALTER TABLE contests ADD CONSTRAINT contests_electorate_check
    CHECK (electorate IN ('all', 'female', 'plenary', 'audit_plenary', 'women_plenary'));

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
